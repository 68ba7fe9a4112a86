import type { nb } from "./messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
