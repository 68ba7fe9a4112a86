import type { nb } from "./list-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
