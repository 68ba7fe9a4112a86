import type { LoaderFunctionArgs } from "@remix-run/node";
import { themeFeed } from "~/themes/feed.server";

/** /themes/<slug>/feed.atom: the newest public items of all four kinds on the theme, for anyone. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return themeFeed(request, "atom", params.slug);
}
