import type { nb } from "./history-messages.nb";

export const en: Record<keyof typeof nb, string> = {
};
