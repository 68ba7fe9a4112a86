import type { AppLoadContext } from "@remix-run/node";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { agendaItems, forumSessions, forumSessionThemes, solutions, topics, topicThemes, type Experience } from "../../db/schema";
import { EXPERIENCE_BODY_MAX_BYTES } from "../../db/schema/experience-values";
import { byteLength, EMPTY_EXPERIENCE_FORM, splitSolutionNames, type ExperienceFormRegister, type ExperienceFormValues, type OriginLabels } from "./experience-forms";
import {
  getExperience,
  mayEditExperience,
  mayReadExperience,
  municipalitiesOf,
  procurementOf,
  renderExperienceBody,
  themesOf,
} from "./experiences.server";
import { db } from "~/db.server";
import { forbidden, notFound, parseId } from "~/lib/http.server";
import { requireSignedIn, summarise } from "~/members/permissions.server";
import { solutionsOfExperience } from "~/solutions/links.server";
import type { BaseData } from "~/base-data.server";

/** A write-up tells of at most this many catalogue solutions. */
export const EXPERIENCE_SOLUTIONS_MAX = 10;

/**
 * The catalogue solutions a form names, one a line, by name (any case) or by the slug in its address:
 * accepted entries only. `error` is the message key for the field when one is not found or there are too many.
 */
export async function checkedSolutions(values: ExperienceFormValues): Promise<{ solutionIds: number[]; error?: string }> {
  const names = splitSolutionNames(values.solutions);
  if (names.length === 0) return { solutionIds: [] };
  if (names.length > EXPERIENCE_SOLUTIONS_MAX) return { solutionIds: [], error: "experienceForm.tooManySolutions" };
  const lower = names.map((n) => n.toLocaleLowerCase("nb"));
  const found = await db()
    .select({ id: solutions.id, name: solutions.name, slug: solutions.slug })
    .from(solutions)
    .where(and(eq(solutions.review, "accepted"), or(inArray(sql`lower(${solutions.name})`, lower), inArray(solutions.slug, names))));
  const known = (typed: string) => found.find((f) => f.name.toLocaleLowerCase("nb") === typed.toLocaleLowerCase("nb") || f.slug === typed);
  if (names.some((n) => !known(n))) return { solutionIds: [], error: "experienceForm.unknownSolution" };
  return { solutionIds: [...new Set(names.map((n) => known(n)!.id))] };
}

/**
 * What the write/edit form offers and is checked against: the themes, and the register's municipalities
 * as "1804 Bodø" (for the fields' suggestions) and as number and name.
 */
export async function experienceFormChoices(base: Promise<BaseData>) {
  const { themes, municipalityOptions } = await base;
  const register: ExperienceFormRegister = {
    themeIds: themes.map((theme) => theme.id),
    municipalities: municipalityOptions.map((option) => ({ number: option.slice(0, 4), name: option.slice(5) })),
  };
  return { themes: themes.map(({ id, nameNb, nameEn }) => ({ id, nameNb, nameEn })), municipalityOptions, register };
}

/**
 * Looks up the forum session, agenda item and topic a form links to. Never trusting the hidden fields: the
 * forum session must exist and be past its draft (a draft's title is not for members' eyes), the agenda
 * item must be on that session's agenda, the topic must exist. `ok` is false when one of them fails.
 */
export async function findOrigin(ids: { forumSessionId: number | null; agendaItemId: number | null; topicId: number | null }) {
  const [session, item, topic] = await Promise.all([
    ids.forumSessionId === null
      ? undefined
      : db()
          .select({ id: forumSessions.id, title: forumSessions.title, status: forumSessions.status })
          .from(forumSessions)
          .where(eq(forumSessions.id, ids.forumSessionId))
          .then((rows) => rows[0]),
    ids.agendaItemId === null
      ? undefined
      : db()
          .select({ id: agendaItems.id, title: agendaItems.title, forumSessionId: agendaItems.forumSessionId })
          .from(agendaItems)
          .where(eq(agendaItems.id, ids.agendaItemId))
          .then((rows) => rows[0]),
    ids.topicId === null ? undefined : db().select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, ids.topicId)).then((rows) => rows[0]),
  ]);
  const sessionOk = ids.forumSessionId === null || (session !== undefined && session.status !== "draft");
  const itemOk = ids.agendaItemId === null || (item !== undefined && item.forumSessionId === ids.forumSessionId);
  const topicOk = ids.topicId === null || topic !== undefined;
  const labels: OriginLabels = {};
  if (sessionOk && itemOk && session) {
    labels.forumSession = { id: session.id, title: session.title };
    if (item) labels.agendaItem = { id: item.id, title: item.title };
  }
  if (topicOk && topic) labels.topic = topic;
  return { ok: sessionOk && itemOk && topicOk, labels, sessionOk: sessionOk && itemOk, topicOk };
}

/**
 * What the form keeps of a form's origin: the links that hold, with their titles. A forged or vanished
 * link is dropped from what comes back, so saving again saves without it.
 */
export async function checkedOrigin(values: ExperienceFormValues) {
  const origin = await findOrigin(values);
  const kept: ExperienceFormValues = {
    ...values,
    ...(origin.sessionOk ? {} : { forumSessionId: null, agendaItemId: null }),
    ...(origin.topicOk ? {} : { topicId: null }),
  };
  return { ok: origin.ok, labels: origin.labels, values: kept };
}

/**
 * A new write-up's form, prefilled from `?forumSession=…&agendaItem=…` ("write up what you presented"),
 * `?topic=…` or `?solution=<slug>` (from a solution's page): linked to where it came from, with that session's or topic's themes ticked. Ids that do not
 * hold are left out, quietly: the page is still a blank form.
 */
export async function prefilledForm(url: URL) {
  const param = (name: string) => parseId(url.searchParams.get(name) ?? undefined) ?? null;
  const wanted = { forumSessionId: param("forumSession"), agendaItemId: param("agendaItem"), topicId: param("topic") };
  if (wanted.agendaItemId !== null && wanted.forumSessionId === null) wanted.agendaItemId = null;
  const { labels } = await findOrigin(wanted);
  const [sessionThemes, topicThemeRows] = await Promise.all([
    labels.forumSession
      ? db().select({ id: forumSessionThemes.themeId }).from(forumSessionThemes).where(eq(forumSessionThemes.forumSessionId, labels.forumSession.id))
      : [],
    labels.topic ? db().select({ id: topicThemes.themeId }).from(topicThemes).where(eq(topicThemes.topicId, labels.topic.id)) : [],
  ]);
  const solutionSlug = url.searchParams.get("solution");
  const [solution] = solutionSlug
    ? await db().select({ name: solutions.name }).from(solutions).where(and(eq(solutions.slug, solutionSlug), eq(solutions.review, "accepted")))
    : [];
  const values: ExperienceFormValues = {
    ...EMPTY_EXPERIENCE_FORM,
    solutions: solution?.name ?? "",
    forumSessionId: labels.forumSession?.id ?? null,
    agendaItemId: labels.agendaItem?.id ?? null,
    topicId: labels.topic?.id ?? null,
    themeIds: [...new Set([...sessionThemes, ...topicThemeRows].map((row) => row.id))].sort((a, b) => a - b),
  };
  return { values, origin: labels };
}

/** A write-up as its edit form shows it, on the revision stored now. */
export async function experienceFormValuesOf(experience: Experience): Promise<ExperienceFormValues> {
  const [themeRows, municipalityRows, facts, solutionRows] = await Promise.all([
    themesOf([experience.id]),
    municipalitiesOf(experience.id),
    procurementOf(experience.id),
    solutionsOfExperience(experience.id),
  ]);
  return {
    ...EMPTY_EXPERIENCE_FORM,
    title: experience.title,
    summary: experience.summary,
    body: experience.bodyMd,
    themeIds: themeRows.map((theme) => theme.id),
    visibility: experience.visibility,
    municipalities: municipalityRows.filter((m) => !m.lead).map((m) => `${m.number} ${m.name}`),
    forumSessionId: experience.forumSessionId,
    agendaItemId: experience.agendaItemId,
    topicId: experience.topicId,
    solutions: solutionRows.map((row) => row.name).join("\n"),
    ...(facts
      ? {
          procurement: true,
          procedure: facts.procedure,
          year: facts.year === null ? "" : String(facts.year),
          suppliers: facts.suppliers.join("\n"),
          valueBand: facts.valueBand ?? "",
          partners: facts.partners.map((m) => `${m.number} ${m.name}`),
          lessons: facts.lessons,
        }
      : {}),
    revision: experience.revision,
  };
}

/**
 * The write-up an edit page is about, for a viewer who may edit it: anonymous readers are sent to sign in
 * (a write is 403); an unknown id, or a write-up the viewer may not even read (someone else's draft, a
 * members-only one for a pending member), is 404; one they may read but not edit is 403.
 */
export async function loadExperienceForEditor(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const viewer = await requireSignedIn(request, context);
  const id = parseId(idParam);
  const found = id ? await getExperience(id) : undefined;
  if (!found) notFound();
  const editor = summarise(viewer)!;
  const { experience, coAuthorIds } = found;
  if (!mayEditExperience(editor, experience, coAuthorIds)) {
    if (!mayReadExperience(editor, experience, coAuthorIds)) notFound();
    forbidden();
  }
  return { viewer, editor, found };
}

/** The body rendered as the write-up's page will show it, or nothing when it is too long to save. */
export function previewBody(markdown: string): string | undefined {
  return byteLength(markdown) <= EXPERIENCE_BODY_MAX_BYTES ? renderExperienceBody(markdown) : undefined;
}

