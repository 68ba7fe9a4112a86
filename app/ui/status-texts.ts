import type { MessageKey } from "~/i18n/i18n";

/** Why the server refused a request before Remix ran, where the status alone would be too vague. */
export type StatusReason = "crossSite" | "badCharacter";

const TEXTS: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  403: ["error.forbidden.title", "error.forbidden.body"],
  404: ["error.notFound.title", "error.notFound.body"],
  405: ["error.methodNotAllowed.title", "error.methodNotAllowed.body"],
  409: ["error.conflict.title", "error.conflict.body"],
  413: ["error.tooLarge.title", "error.tooLarge.body"],
  415: ["error.unsupportedForm.title", "error.unsupportedForm.body"],
  429: ["error.tooMany.title", "error.tooMany.body"],
  503: ["error.unavailable.title", "error.unavailable.body"],
};

const REASONS: Record<StatusReason, [MessageKey, MessageKey]> = {
  crossSite: ["error.crossSite.title", "error.crossSite.body"],
  badCharacter: ["error.badCharacter.title", "error.badCharacter.body"],
};

export function statusTexts(status: number, reason?: StatusReason): [MessageKey, MessageKey] {
  if (reason) return REASONS[reason];
  return TEXTS[status] ?? (status >= 400 && status < 500 ? TEXTS[400]! : ["error.server.title", "error.server.body"]);
}
