import type { nb } from "./evidence-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
