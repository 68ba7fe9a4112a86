import { notFound } from "~/lib/http.server";

export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export { ErrorBoundary } from "~/ui/error-page";
