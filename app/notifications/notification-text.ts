import { SOLUTION_REVIEWS, SOLUTION_STATUSES } from "../../db/schema/solution-values";
import { TOPIC_STATUSES } from "../../db/schema/topic-values";
import type { Language, MessageKey, Translate } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";

/**
 * A notice's stored params made readable for one reader: a moved session's time (`startsAt`) written
 * in their language as `when`, a topic's or solution's new status (`topicStatus`, `solutionStatus`) named
 * in it as `status`, a proposal's review (`review`) as `decision`.
 */
export function localiseParams(t: Translate, language: Language, stored: Record<string, string>): Record<string, string> {
  const params = { ...stored };
  const startsAt = params.startsAt ? new Date(params.startsAt) : undefined;
  if (startsAt && !Number.isNaN(startsAt.getTime())) params.when = formatDateTime(startsAt, language);
  const status = params.topicStatus;
  if (status && (TOPIC_STATUSES as readonly string[]).includes(status)) params.status = t(`topics.status.${status}` as MessageKey);
  const solutionStatus = params.solutionStatus;
  if (solutionStatus && (SOLUTION_STATUSES as readonly string[]).includes(solutionStatus)) params.status = t(`solutions.status.${solutionStatus}` as MessageKey);
  const review = params.review;
  if (review && (SOLUTION_REVIEWS as readonly string[]).includes(review)) params.decision = t(`solutions.review.${review}` as MessageKey);
  return params;
}

/** A notification's sentence in the reader's language. */
export function notificationText(
  t: Translate,
  language: Language,
  notification: { kind: string; params: Record<string, string> },
): string {
  return t(`notification.${notification.kind}` as MessageKey, localiseParams(t, language, notification.params));
}
