import type { AdoptionPicture } from "./adoption-picture";

export async function loadAdoptionPicture(solutionId: number): Promise<AdoptionPicture> {
  return { solutionId };
}
