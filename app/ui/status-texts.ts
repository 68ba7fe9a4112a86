import type { MessageKey } from "~/i18n/i18n";

const TEXTS: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  403: ["error.forbidden.title", "error.forbidden.body"],
  404: ["error.notFound.title", "error.notFound.body"],
  409: ["error.conflict.title", "error.conflict.body"],
  429: ["error.tooMany.title", "error.tooMany.body"],
  503: ["error.unavailable.title", "error.unavailable.body"],
};

export function statusTexts(status: number): [MessageKey, MessageKey] {
  return TEXTS[status] ?? (status >= 400 && status < 500 ? TEXTS[400]! : ["error.server.title", "error.server.body"]);
}
