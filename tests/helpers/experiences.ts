import { writeExperience, type ExperienceInput } from "~/experiences/experiences.server";

let sequence = 0;

/**
 * A write-up in the real database by a member of `municipalityNumber` (Bodø unless told): published and
 * public unless told otherwise.
 */
export async function createExperienceAs(
  authorId: number,
  overrides: Partial<ExperienceInput> & { municipalityNumber?: string | null; publish?: boolean } = {},
) {
  sequence++;
  const { municipalityNumber = "1804", publish = true, ...input } = overrides;
  return writeExperience(
    { id: authorId, municipalityNumber },
    {
      title: `Erfaring ${sequence}: digital hjemmeoppfølging i drift`,
      summary: "Hva vi gjorde, hva det kostet og hva vi ville gjort annerledes.",
      body: "Vi startet med **tjue** pasienter og gikk i drift etter et år.",
      themeIds: [],
      visibility: "public",
      municipalities: [],
      forumSessionId: null,
      agendaItemId: null,
      topicId: null,
      procurement: null,
      ...input,
    },
    publish,
  );
}
