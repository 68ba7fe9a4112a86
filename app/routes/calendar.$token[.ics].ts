import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  calendarNotFound,
  calendarResponse,
  getForumSessionsFeed,
  getMemberByCalendarToken,
} from "~/forum-sessions/calendar.server";
import { languageOf } from "~/i18n/language.server";
import { publicUrl } from "~/lib/settings.server";

/** A member's personal feed: the public one plus meeting links, for as long as the member is approved. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await getMemberByCalendarToken(params.token);
  if (!member) calendarNotFound();
  const ics = await getForumSessionsFeed({
    origin: publicUrl(),
    language: await languageOf(request),
    withMeetingLinks: true,
  });
  return calendarResponse(ics, { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" });
}
