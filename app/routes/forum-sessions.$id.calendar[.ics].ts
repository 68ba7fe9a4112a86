import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarNotFound, calendarResponse, getForumSessionCalendar } from "~/forum-sessions/calendar.server";
import { languageOf } from "~/i18n/language.server";
import { parseId } from "~/lib/http.server";
import { limitDownload } from "~/lib/rate-limit.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { publicUrl } from "~/lib/settings.server";

/** One forum session as a calendar file; the meeting link only for approved members. Drafts have none. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  if (!id) calendarNotFound();
  const [viewer, language] = await Promise.all([getViewer(request, context), languageOf(request)]);
  await limitDownload(request, context, summarise(viewer));
  const withMeetingLinks = can(summarise(viewer), "readMembersOnly");
  const ics = await getForumSessionCalendar(id, { origin: publicUrl(), language, withMeetingLinks });
  if (!ics) calendarNotFound();
  return calendarResponse(ics, {
    "Content-Disposition": `attachment; filename="forum-session-${id}.ics"`,
    "Cache-Control": withMeetingLinks ? "private, no-store" : "private, no-cache",
    Vary: "Cookie, Accept-Language",
  });
}
