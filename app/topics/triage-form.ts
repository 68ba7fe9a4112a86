import { z } from "zod";
import { int32, optionalText, requiredText } from "~/lib/forms";
import type { TriageInput } from "~/topics/topics.server";

const NOTE_MAX = 2000;

const common = {
  /** The topic's version when the coordinator opened it: a step on anything newer is refused. */
  version: int32(),
  note: optionalText(NOTE_MAX),
  /** Where to go afterwards (the forum session page's "add to agenda"); checked by safeRedirect. */
  redirectTo: z.string().optional(),
};

/** One coordinator's step with a topic, by the `intent` of the button pressed. */
export const triageForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.enum(["shortlist", "reopen", "unschedule"]), ...common }),
    // The reason is the step's note: it is shown on the topic and in its history.
    z.object({ intent: z.literal("decline"), ...common, reason: requiredText(NOTE_MAX) }),
    z.object({ intent: z.literal("merge"), ...common, intoId: int32("triage.merge.pickTopic") }),
    z.object({ intent: z.literal("schedule"), ...common, forumSessionId: int32("triage.schedule.pickSession") }),
  ],
  { error: "error.badRequest.body" },
);

export function toTriageInput(form: z.infer<typeof triageForm>): TriageInput {
  const { version, note } = form;
  switch (form.intent) {
    case "decline":
      return { step: "decline", version, reason: form.reason };
    case "merge":
      return { step: "merge", version, intoId: form.intoId, note };
    case "schedule":
      return { step: "schedule", version, forumSessionId: form.forumSessionId, note };
    default:
      return { step: form.intent, version, note };
  }
}
