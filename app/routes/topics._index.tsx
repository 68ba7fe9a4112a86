import type { MetaFunction } from "@remix-run/node";
import { ComingPage } from "~/ui/coming-page";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.topics");

export default function TopicsPage() {
  return <ComingPage title="nav.topics" />;
}

export { ErrorBoundary } from "~/ui/error-page";
