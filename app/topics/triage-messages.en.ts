import type { nb } from "./triage-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
