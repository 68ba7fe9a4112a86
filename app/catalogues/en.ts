import type { catalogue as nb } from "./nb";
import { en as forumSessions } from "~/forum-sessions/messages.en";
import { en as calendar } from "~/forum-sessions/calendar-messages.en";
import { en as shared } from "~/i18n/en";
import { en as notifications } from "~/notifications/messages.en";

/** Every message in English; a key missing here fails the typecheck. */
export const catalogue: Record<keyof typeof nb, string> = { ...shared, ...forumSessions, ...calendar, ...notifications };
