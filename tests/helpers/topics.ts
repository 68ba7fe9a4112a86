import { proposeTopic, type TopicInput } from "~/topics/topics.server";

let sequence = 0;

/** A proposed topic in the real database, by a member of `municipalityNumber` (Bodø unless told). */
export async function createTopicAs(
  proposerId: number,
  overrides: Partial<TopicInput> & { municipalityNumber?: string | null } = {},
) {
  sequence++;
  const { municipalityNumber = "1804", ...input } = overrides;
  return proposeTopic(
    { id: proposerId, municipalityNumber },
    {
      title: `Tema ${sequence}: velferdsteknologi i hjemmetjenesten`,
      description: "Hvordan har **dere** tatt i bruk digital hjemmeoppfølging?",
      themeIds: [],
      canPresent: false,
      experiencedMunicipalities: [],
      ...input,
    },
  );
}
