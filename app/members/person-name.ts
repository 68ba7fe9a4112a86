import type { Translate } from "~/i18n/i18n";

/**
 * A member's name as shown to those who may see names. An erased member's row keeps an empty name
 * (decision 020): they are "Former member (their municipality or organisation)".
 */
export function personName(t: Translate, name: string, place?: string | null): string {
  if (name) return name;
  return place ? t("privacy.formerMemberOf", { place }) : t("privacy.formerMember");
}
