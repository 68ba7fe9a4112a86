import type { nb } from "./feed-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
