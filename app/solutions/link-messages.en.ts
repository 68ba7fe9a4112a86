import type { nb } from "./link-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
