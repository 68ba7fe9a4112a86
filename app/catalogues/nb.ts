import { nb as forumSessions } from "~/forum-sessions/messages.nb";
import { nb as calendar } from "~/forum-sessions/calendar-messages.nb";
import { nb as shared } from "~/i18n/nb";
import { nb as notifications } from "~/notifications/messages.nb";

/** Every message in bokmål: the shared ones and each area's. The browser loads only its own language's. */
export const catalogue = { ...shared, ...forumSessions, ...calendar, ...notifications } as const;
