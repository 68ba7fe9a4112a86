import type { MetaFunction } from "@remix-run/node";
import { ComingPage } from "~/ui/coming-page";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.experiences");

export default function ExperiencesPage() {
  return <ComingPage title="nav.experiences" />;
}

export { ErrorBoundary } from "~/ui/error-page";
