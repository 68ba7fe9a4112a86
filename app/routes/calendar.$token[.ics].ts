import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  calendarNotFound,
  calendarResponse,
  getForumSessionsFeed,
  getMemberByCalendarToken,
} from "~/forum-sessions/calendar.server";
import { publicUrl } from "~/lib/settings.server";

/**
 * A member's personal feed: the public one plus meeting links, for as long as the member is approved;
 * in the member's own language, since calendar apps send no cookie and rarely the reader's language.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const member = await getMemberByCalendarToken(params.token);
  if (!member) calendarNotFound();
  const ics = await getForumSessionsFeed({
    origin: publicUrl(),
    language: member.language,
    withMeetingLinks: true,
  });
  return calendarResponse(ics, { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" });
}
