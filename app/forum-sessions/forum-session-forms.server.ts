import { z } from "zod";
import { fromOsloInput } from "~/lib/oslo-time.server";

// Messages are translation keys; the page shows them beside the field in the reader's language.
const text = (max: number, required = true) =>
  required
    ? z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(max, { error: "form.tooLong" })
    : z.string().trim().max(max, { error: "form.tooLong" }).optional().default("");

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
    title: text(200),
    description: text(20_000, false),
    startsAt: osloDateTime,
    endsAt: osloDateTime,
    meetingUrl: webLink,
    version: z.coerce.number().int().optional(),
  })
  .superRefine((form, ctx) => {
    if (!Number.isNaN(form.startsAt.getTime()) && !Number.isNaN(form.endsAt.getTime()) && form.endsAt <= form.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "forumSessions.form.endBeforeStart" });
    }
  });

export const copyForm = z.object({ startsAt: osloDateTime });

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
  title: text(200),
  presenterEmail: text(254, false),
  presenterName: text(200, false),
  presenterOrganisation: text(200, false),
  description: text(10_000, false),
  topicId: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\d{1,9}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "agenda.form.unknownTopic" });
        return null;
      }
      return Number(value);
    }),
});

export const summaryForm = z.object({
  bodyMd: z.string().max(100_000, { error: "form.tooLong" }).default(""),
  version: z.coerce.number().int().min(0),
  intent: z.enum(["preview", "save", "publish"]),
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
