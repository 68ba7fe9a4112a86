import type { LoaderFunctionArgs } from "@remix-run/node";
import { experienceFeed, feedNotFound, parseFeedName } from "~/experiences/feeds.server";

/** /feeds/themes/<slug>/experiences.rss|.atom: the published public write-ups of one theme (unknown theme: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = parseFeedName(params.feed, ["experiences"] as const);
  if (!feed || !params.theme) feedNotFound();
  return experienceFeed(request, feed.format, params.theme);
}
