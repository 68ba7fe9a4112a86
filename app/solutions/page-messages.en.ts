import type { nb } from "./page-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
