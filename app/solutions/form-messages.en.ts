import type { nb } from "./form-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
