import type { Language, MessageKey, Translate } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";

/** A notification's sentence in the reader's language; a moved session's time formatted for them. */
export function notificationText(
  t: Translate,
  language: Language,
  notification: { kind: string; params: Record<string, string> },
): string {
  const params = { ...notification.params };
  const startsAt = params.startsAt ? new Date(params.startsAt) : undefined;
  if (startsAt && !Number.isNaN(startsAt.getTime())) params.when = formatDateTime(startsAt, language);
  return t(`notification.${notification.kind}` as MessageKey, params);
}
