import { TZDate } from "@date-fns/tz";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { and, asc, eq, gte, ne, or } from "drizzle-orm";
import ical, { ICalEventStatus } from "ical-generator";
import { forumSessions, members } from "../../db/schema";
import { addMinutes } from "./agenda";
import { agendaForViewer, getAgendas } from "./agenda.server";
import { personName } from "~/members/person-name";
import { db } from "~/db.server";
import { translator, type Language, type Translate } from "~/i18n/i18n";
import { TIME_ZONE, toOsloTimeInput } from "~/lib/dates";
import { markdownToPlainText } from "~/lib/markdown.server";
import { generateSessionToken } from "~/members/auth-sessions.server";

export interface CalendarOptions {
  /** The site's origin, for the UID's host and the session page's address. */
  origin: string;
  language: Language;
  /** Only for approved members: the meeting link is members-only, and so are presenters' names (decision 020). */
  withMeetingLinks: boolean;
}

/** Subscribers keep seeing a cancelled or held forum session for this long after it ended. */
const RECENT_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const TOKEN = /^[a-z2-7]{32}$/;

const osloVtimezone = getVtimezoneComponent(TIME_ZONE);

const sessionColumns = {
  id: forumSessions.id,
  title: forumSessions.title,
  descriptionMd: forumSessions.descriptionMd,
  descriptionHtml: forumSessions.descriptionHtml,
  cancelReason: forumSessions.cancelReason,
  startsAt: forumSessions.startsAt,
  endsAt: forumSessions.endsAt,
  meetingUrl: forumSessions.meetingUrl,
  status: forumSessions.status,
  sequence: forumSessions.sequence,
  createdAt: forumSessions.createdAt,
  updatedAt: forumSessions.updatedAt,
};

type CalendarSession = Awaited<ReturnType<typeof calendarSessions>>[number];
type CalendarAgendaItem = Awaited<ReturnType<typeof getAgendas>>[number];

function calendarSessions(where: ReturnType<typeof and>) {
  return db()
    .select(sessionColumns)
    .from(forumSessions)
    .where(and(ne(forumSessions.status, "draft"), where))
    .orderBy(asc(forumSessions.startsAt), asc(forumSessions.id));
}

function agendaLine(session: CalendarSession, item: CalendarAgendaItem, t: Translate): string {
  const start = addMinutes(session.startsAt, item.startOffsetMinutes);
  const end = addMinutes(start, item.durationMinutes);
  const who =
    item.presenterMemberName === ""
      ? personName(t, "", item.presenterMunicipality)
      : [item.presenterMemberName, item.presenterName, item.presenterOrganisation, item.presenterMunicipality].filter(Boolean).join(", ");
  return `${toOsloTimeInput(start)}–${toOsloTimeInput(end)} ${item.title}${who ? ` (${who})` : ""}`;
}

/**
 * The event's description: plain text for DESCRIPTION (calendar apps show markup as typed), and the
 * same as HTML for X-ALT-DESC, which Outlook shows formatted.
 */
function description(session: CalendarSession, agenda: CalendarAgendaItem[], pageUrl: string, meetingUrl: string | null, t: Translate) {
  const plain: string[] = [];
  const html: string[] = [];
  const both = (text: string) => {
    plain.push(text);
    html.push(`<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>`);
  };
  if (session.status === "cancelled") {
    both([t("calendar.event.cancelled"), session.cancelReason].filter(Boolean).join(" "));
  }
  const text = markdownToPlainText(session.descriptionMd);
  if (text) {
    plain.push(text);
    html.push(session.descriptionHtml);
  }
  if (agenda.length > 0) both([t("calendar.event.agenda"), ...agenda.map((item) => agendaLine(session, item, t))].join("\n"));
  both(
    [meetingUrl ? t("calendar.event.meetingLink", { url: meetingUrl }) : null, t("calendar.event.page", { url: pageUrl })]
      .filter(Boolean)
      .join("\n"),
  );
  return { plain: plain.join("\n\n"), html: `<!DOCTYPE html><html><body>${html.join("")}</body></html>` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function buildCalendar(sessions: CalendarSession[], options: CalendarOptions, name: string | null): Promise<string> {
  const t = translator(options.language);
  const host = new URL(options.origin).hostname;
  const agenda = agendaForViewer(await getAgendas(sessions.map((s) => s.id)), options.withMeetingLinks);
  const calendar = ical({
    prodId: { company: "Kommuneforum", product: "forum-sessions", language: options.language.toUpperCase() },
    name,
    ttl: name ? 60 * 60 : null,
    // No calendar-wide zone name: with one, ical-generator writes DTSTAMP and LAST-MODIFIED as local
    // times without Z. Each event names Europe/Oslo instead, which still brings in the VTIMEZONE.
    timezone: { name: null, generator: (zone) => (zone === TIME_ZONE ? osloVtimezone : null) },
  });
  for (const session of sessions) {
    const items = agenda.filter((item) => item.forumSessionId === session.id);
    const lastModified = new Date(Math.max(session.updatedAt.getTime(), ...items.map((item) => item.updatedAt.getTime())));
    const pageUrl = `${options.origin}/forum-sessions/${session.id}`;
    const meetingUrl = options.withMeetingLinks && session.status !== "cancelled" ? session.meetingUrl : null;
    calendar.createEvent({
      id: `forum-session-${session.id}@${host}`,
      sequence: session.sequence,
      // TZDate, not Date: ical-generator reads a plain Date's wall-clock time in the server's own zone.
      start: new TZDate(session.startsAt, TIME_ZONE),
      end: new TZDate(session.endsAt, TIME_ZONE),
      timezone: TIME_ZONE,
      // Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2).
      stamp: lastModified,
      lastModified,
      created: session.createdAt,
      status: session.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: session.title,
      description: description(session, items, pageUrl, meetingUrl, t),
      location: meetingUrl,
      url: pageUrl,
    });
  }
  return calendar.toString();
}

/** One forum session's calendar, or undefined when there is no such session or it is a draft. */
export async function getForumSessionCalendar(id: number, options: CalendarOptions): Promise<string | undefined> {
  const sessions = await calendarSessions(eq(forumSessions.id, id));
  return sessions.length > 0 ? buildCalendar(sessions, options, null) : undefined;
}

/**
 * The subscribable feed: every planned forum session, and those held or cancelled in the last
 * RECENT_DAYS, so that a subscriber's calendar shows the cancellation rather than losing the event.
 */
export async function getForumSessionsFeed(options: CalendarOptions): Promise<string> {
  const since = new Date(Date.now() - RECENT_DAYS * DAY);
  const sessions = await calendarSessions(or(eq(forumSessions.status, "planned"), gte(forumSessions.endsAt, since)));
  const t = translator(options.language);
  return buildCalendar(sessions, options, t(options.withMeetingLinks ? "calendar.feed.personalName" : "calendar.feed.name"));
}

/** The approved member whose personal feed address holds this token; a malformed token is nobody's. */
export async function getMemberByCalendarToken(token: string | undefined) {
  if (!token || !TOKEN.test(token)) return undefined;
  const [member] = await db()
    .select({ id: members.id, language: members.language })
    .from(members)
    .where(and(eq(members.calendarToken, token), eq(members.status, "approved")));
  return member;
}

/** Gives the member a new personal feed address; the old one stops working at once. */
export async function replaceCalendarToken(memberId: number): Promise<string> {
  const token = generateSessionToken();
  await db().update(members).set({ calendarToken: token }).where(eq(members.id, memberId));
  return token;
}

export function calendarFeedUrl(origin: string, token: string): string {
  return `${origin}/calendar/${token}.ics`;
}

/** The same address for calendar apps: a webcal: link opens a subscription instead of a download. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, "webcal:");
}

export function calendarResponse(ics: string, headers: Record<string, string>): Response {
  return new Response(ics, { headers: { "Content-Type": "text/calendar; charset=utf-8", ...headers } });
}

// A plain Response: a thrown data() in a resource route is logged as a failed request.
export function calendarNotFound(): never {
  throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
