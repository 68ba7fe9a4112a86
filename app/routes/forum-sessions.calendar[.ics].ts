import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, getForumSessionsFeed, webcalUrl } from "~/forum-sessions/calendar.server";
import { languageOf } from "~/i18n/language.server";
import { publicUrl } from "~/lib/settings.server";

/**
 * The public feed of forum sessions, without meeting links, for anyone to subscribe to.
 * `?subscribe` sends the browser on to the webcal: address, which a page cannot build without its host.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.has("subscribe")) return redirect(webcalUrl(`${publicUrl()}${url.pathname}`));
  const ics = await getForumSessionsFeed({ origin: publicUrl(), language: await languageOf(request), withMeetingLinks: false });
  return calendarResponse(ics, { "Cache-Control": "public, max-age=300", Vary: "Cookie, Accept-Language" });
}
