import type { LoaderFunctionArgs } from "@remix-run/node";
import { experienceFeed, feedNotFound, parseFeedName, summaryFeed } from "~/experiences/feeds.server";

/**
 * /feeds/experiences.rss|.atom (published public write-ups) and /feeds/summaries.rss|.atom (published
 * summaries of held forum sessions), for anyone: no sign-in, the same for every reader.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = parseFeedName(params.feed, ["experiences", "summaries"] as const);
  if (!feed) feedNotFound();
  return feed.name === "experiences" ? experienceFeed(request, feed.format) : summaryFeed(request, feed.format);
}
