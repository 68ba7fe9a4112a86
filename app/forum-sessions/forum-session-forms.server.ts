import { z } from "zod";
import { minutesBetween } from "./agenda";
import type { AgendaItemFields } from "./agenda-item-form";
import { int32, optionalText, parseForm, requiredText } from "~/lib/forms";
import { toOsloInput } from "~/lib/dates";
import { fromOsloInput } from "~/lib/oslo-time.server";
import { acceptedSolutionNamed } from "~/solutions/links.server";

const osloDateTime = z
  .string({ error: "form.required" })
  .trim()
  .min(1, { error: "form.required" })
  .transform((value, ctx) => {
    const date = fromOsloInput(value);
    if (!date) ctx.addIssue({ code: "custom", message: "forumSessions.form.badDateTime" });
    return date ?? new Date(NaN);
  });

const webLink = z
  .string()
  .trim()
  .max(500, { error: "form.tooLong" })
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      ctx.addIssue({ code: "custom", message: "forumSessions.form.badLink" });
      return null;
    }
    return url.href;
  });

export const forumSessionForm = z
  .object({
    title: requiredText(200),
    description: optionalText(20_000),
    startsAt: osloDateTime,
    endsAt: osloDateTime,
    meetingUrl: webLink,
    version: int32().optional(),
  })
  .superRefine((form, ctx) => {
    // Runs even when a field failed above (zod 4), so the values may still be the raw strings.
    const { startsAt, endsAt } = form as { startsAt: unknown; endsAt: unknown };
    if (!(startsAt instanceof Date) || !(endsAt instanceof Date)) return;
    if (!Number.isNaN(startsAt.getTime()) && !Number.isNaN(endsAt.getTime()) && endsAt <= startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "forumSessions.form.endBeforeStart" });
    }
  });

export const copyForm = z.object({ startsAt: osloDateTime });

export const cancelForm = z.object({ reason: optionalText(2000) });

export const agendaItemForm = z.object({
  startTime: z
    .string({ error: "form.required" })
    .trim()
    .min(1, { error: "form.required" })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "agenda.form.badTime" }),
  durationMinutes: z.coerce
    .number({ error: "agenda.form.badDuration" })
    .int({ error: "agenda.form.badDuration" })
    .min(1, { error: "agenda.form.badDuration" })
    .max(24 * 60, { error: "agenda.form.badDuration" }),
  title: requiredText(200),
  presenterEmail: optionalText(254),
  presenterName: optionalText(200),
  presenterOrganisation: optionalText(200),
  description: optionalText(10_000),
  solution: optionalText(200),
  // Only the edit form carries one: the version of the item the coordinator opened.
  version: int32().optional(),
});

export const summaryForm = z.object({
  bodyMd: z.string().max(100_000, { error: "form.tooLong" }).default(""),
  version: int32(),
  // "edit" answers the text back: the way out of the publish confirmation, keeping what was typed.
  intent: z.enum(["preview", "edit", "save", "publish", "unpublish"]),
  confirmed: z.literal("yes").optional().catch(undefined),
});

/** The theme checkboxes: every value that is a whole number. */
export function themeIdsOf(formData: FormData): number[] {
  return [
    ...new Set(
      formData
        .getAll("theme")
        .filter((v): v is string => typeof v === "string" && /^\d{1,9}$/.test(v))
        .map(Number),
    ),
  ];
}

/**
 * The session form, validated: the input for create/update, or errors; either way what was typed, with
 * the version the editor opened, so a reply never swaps in a newer one behind the editor's back.
 */
export async function readForumSessionForm(formData: FormData, knownThemes: (ids: number[]) => Promise<number[]>) {
  const form = parseForm(formData, forumSessionForm);
  const themeIds = await knownThemes(themeIdsOf(formData));
  const raw = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const opened = int32().safeParse(formData.get("version"));
  const values = {
    title: raw("title"),
    description: raw("description"),
    startsAt: raw("startsAt"),
    endsAt: raw("endsAt"),
    meetingUrl: raw("meetingUrl"),
    themeIds,
    ...(opened.success ? { version: opened.data } : {}),
  };
  if (!form.ok) return { ok: false as const, errors: form.errors, values };
  const { title, description, startsAt, endsAt, meetingUrl, version } = form.value;
  return { ok: true as const, value: { title, description, startsAt, endsAt, meetingUrl, themeIds }, version, values };
}

/**
 * The instant a clock time ("00:30") names within a forum session: its first occurrence in Oslo from
 * the session's start until its end, so that a session from 22:00 to 01:00 takes 00:30, and a night
 * with a clock change counts real minutes (a time the clock skips has no occurrence).
 */
function occurrenceWithin(time: string, session: { startsAt: Date; endsAt: Date }): Date | undefined {
  const lastDay = toOsloInput(session.endsAt).slice(0, 10);
  for (let day = toOsloInput(session.startsAt).slice(0, 10); day <= lastDay; day = nextDay(day)) {
    const wanted = `${day}T${time}`;
    const named = fromOsloInput(wanted);
    if (!named) continue;
    // When the clock goes back, the same time happens twice, an hour apart: try both, earliest first.
    const found = [-60, 0, 60]
      .map((minutes) => new Date(named.getTime() + minutes * 60_000))
      .find((at) => toOsloInput(at) === wanted && at >= session.startsAt && at < session.endsAt);
    if (found) return found;
  }
  return undefined;
}

function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * The agenda item form, validated against its forum session: the start time (Oslo) must fall within
 * the session; a presenter email must belong to an approved member; a solution must be an accepted one. An item comes from a topic only by
 * scheduling the topic (topics.server.ts), never by this form. `values` keep what was typed, with the
 * version the form carried (the one the editor opened), never the stored one.
 */
export async function readAgendaItemForm(
  formData: FormData,
  session: { startsAt: Date; endsAt: Date },
  findPresenter: (email: string) => Promise<number | undefined>,
) {
  const form = parseForm(formData, agendaItemForm);
  const raw = (key: keyof AgendaItemFields) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const values: AgendaItemFields = {
    startTime: raw("startTime"),
    durationMinutes: raw("durationMinutes"),
    title: raw("title"),
    presenterEmail: raw("presenterEmail"),
    presenterName: raw("presenterName"),
    presenterOrganisation: raw("presenterOrganisation"),
    description: raw("description"),
    solution: raw("solution"),
    version: raw("version"),
  };
  const errors: Record<string, string[]> = form.ok ? {} : { ...(form.errors as Record<string, string[]>) };
  // A bad version is no field's fault: the form as a whole says so.
  if (errors.version) {
    errors.form = errors.version;
    delete errors.version;
  }
  let startOffsetMinutes = 0;
  let presenterMemberId: number | null = null;
  let solutionId: number | null = null;
  if (form.ok) {
    const start = occurrenceWithin(form.value.startTime, session);
    if (start) startOffsetMinutes = minutesBetween(session.startsAt, start);
    else errors.startTime = ["agenda.form.startOutside"];
    if (form.value.presenterEmail) {
      presenterMemberId = (await findPresenter(form.value.presenterEmail)) ?? null;
      if (!presenterMemberId) errors.presenterEmail = ["agenda.form.unknownMember"];
    }
    if (form.value.solution) {
      solutionId = (await acceptedSolutionNamed(form.value.solution)) ?? null;
      if (!solutionId) errors.solution = ["solutionLinks.unknownSolution"];
    }
  }
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false as const, errors, values };
  const v = form.value;
  return {
    ok: true as const,
    values,
    value: {
      startOffsetMinutes,
      durationMinutes: v.durationMinutes,
      title: v.title,
      presenterMemberId,
      presenterName: v.presenterName || null,
      presenterOrganisation: v.presenterOrganisation || null,
      description: v.description,
      solutionId,
    },
    version: v.version,
  };
}
