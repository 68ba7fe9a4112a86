import type { MetaFunction } from "@remix-run/node";
import { ComingPage } from "~/ui/coming-page";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.solutions");

export default function SolutionsPage() {
  return <ComingPage title="nav.solutions" />;
}

export { ErrorBoundary } from "~/ui/error-page";
