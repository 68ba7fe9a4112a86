import { ADOPTION_STATES, type AdoptionState } from "../../db/schema/solution-values";

/** How many municipalities are in each adoption state. */
export type StateCounts = Record<AdoptionState, number>;

export const noStateCounts = (): StateCounts => Object.fromEntries(ADOPTION_STATES.map((state) => [state, 0])) as StateCounts;

/** What the solution page, the evidence page and the list show of a solution's spread. */
export interface AdoptionPicture {
  solutionId: number;
  /** Municipalities in each state now. */
  counts: StateCounts;
  /**
   * Adoption over time, oldest first: the municipalities in each state at the end of a month ("YYYY-MM"),
   * every `step` months back from this one (1 unless the span is long), from the first recorded change.
   */
  series: { month: string; counts: StateCounts }[];
  step: number;
  /** Every county, in county-number order, with its municipalities in each state. */
  counties: { number: string; name: string; counts: StateCounts }[];
}

/** A county's strongest relation to the solution: the strip marks it. */
export type CountyMark = "inUse" | "piloting" | "wanting" | "none";

export function countyMark(counts: StateCounts): CountyMark {
  if (counts.in_use > 0) return "inUse";
  if (counts.piloting > 0) return "piloting";
  if (counts.interested + counts.planning > 0) return "wanting";
  return "none";
}
