import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../db/schema/notification-values";

export const openNotificationForm = z.object({
  intent: z.literal("open"),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** The checked boxes of the email settings: `email` once per kind the member wants by email. */
export const emailPreferencesForm = z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length);
