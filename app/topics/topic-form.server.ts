import { redirect, type AppLoadContext } from "@remix-run/node";
import { asc, eq } from "drizzle-orm";
import { topicThemes, type Topic } from "../../db/schema";
import type { TopicFormRegister, TopicFormValues } from "./topic-forms";
import { experiencedMunicipalities, getTopic, mayEditTopic, mergeTarget, renderTopicDescription } from "./topics.server";
import { db } from "~/db.server";
import { forbidden, notFound, parseId } from "~/lib/http.server";
import { requireSignedIn, summarise } from "~/members/permissions.server";
import { TOPIC_DESCRIPTION_MAX } from "../../db/schema/topic-values";
import type { BaseData } from "~/base-data.server";

/**
 * What the propose/edit form offers and is checked against: the themes, and the register's
 * municipalities as "1804 Bodø" (for the fields' suggestions) and as number and name.
 */
export async function topicFormChoices(base: Promise<BaseData>, mayPresent: boolean) {
  const { themes, municipalityOptions } = await base;
  const register: TopicFormRegister = {
    themeIds: themes.map((theme) => theme.id),
    municipalities: municipalityOptions.map((option) => ({ number: option.slice(0, 4), name: option.slice(5) })),
    mayPresent,
  };
  return { themes: themes.map(({ id, nameNb, nameEn }) => ({ id, nameNb, nameEn })), municipalityOptions, register };
}

/** A topic as its edit form shows it. */
export async function topicFormValuesOf(topic: Topic): Promise<TopicFormValues> {
  const [themeRows, experienced] = await Promise.all([
    db().select({ id: topicThemes.themeId }).from(topicThemes).where(eq(topicThemes.topicId, topic.id)).orderBy(asc(topicThemes.themeId)),
    experiencedMunicipalities(topic.id),
  ]);
  return {
    title: topic.title,
    description: topic.descriptionMd,
    themeIds: themeRows.map((row) => row.id),
    canPresent: topic.canPresent,
    experienced: experienced.map((m) => `${m.number} ${m.name}`),
    version: topic.version,
  };
}

/**
 * The topic an edit page is about, for a viewer who may edit it: anonymous readers are sent to sign
 * in (a write is 403), an unknown id is 404, someone else's topic (or the proposer's own once it left
 * `proposed`) is 403. A merged topic lives on in the one it was merged into: a page view goes there.
 */
export async function loadTopicForEditor(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const viewer = await requireSignedIn(request, context);
  const id = parseId(idParam);
  const found = id ? await getTopic(id) : undefined;
  if (!found) notFound();
  const { topic, municipalityName } = found;
  if (topic.status === "merged" && request.method === "GET") {
    const target = await mergeTarget(topic);
    if (target) throw redirect(`/topics/${target}`);
  }
  const editor = summarise(viewer)!;
  if (!mayEditTopic(editor, topic)) forbidden();
  return { viewer, editor, topic, municipalityName };
}

/** The description rendered as the topic page will show it, or nothing when it is too long to save. */
export function previewDescription(markdown: string): string | undefined {
  return markdown.length <= TOPIC_DESCRIPTION_MAX ? renderTopicDescription(markdown) : undefined;
}
