/**
 * What the solution page, the evidence page and the list show of a solution's spread (filled in by the
 * pictures work: counts by state, adoption over time, the counties strip).
 */
export interface AdoptionPicture {
  solutionId: number;
}
