import type { nb } from "./me-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
