import type { LoaderFunctionArgs } from "@remix-run/node";
import { themeFeed } from "~/themes/feed.server";

/** /themes/<slug>/feed.rss: the same as feed.atom, for readers that take RSS only. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return themeFeed(request, "rss", params.slug);
}
