import type { AdoptionState, SolutionStatus } from "../../db/schema/solution-values";

/** Where a solution's adoptions stand: municipalities per state, and the counties where it is in use. */
export interface AdoptionTally {
  byState: Partial<Record<AdoptionState, number>>;
  /** Distinct counties with a municipality that has it in use. */
  inUseCounties: number;
}

/** In use in at least this many municipalities: more than a pilot, it is spreading. */
export const SCALING_MUNICIPALITIES = 3;
/** In use in at least this many of the 15 counties: national in practice. */
export const NATIONAL_COUNTIES = 10;

const ORDER: readonly SolutionStatus[] = ["idea", "pilot", "in_use", "scaling", "national"];

/**
 * The scaling status the adoptions suggest, when it is further along than the one set (or, when every
 * adopter has stopped, `retired`); null when they agree. Coordinators see it; a person decides.
 */
export function suggestedStatus(status: SolutionStatus, tally: AdoptionTally): SolutionStatus | null {
  if (status === "retired") return null;
  const count = (state: AdoptionState) => tally.byState[state] ?? 0;
  const inUse = count("in_use");
  const active = count("interested") + count("planning") + count("piloting") + inUse;
  if (active === 0 && count("discontinued") > 0) return "retired";
  let suggested: SolutionStatus | null = null;
  if (inUse >= 1 && tally.inUseCounties >= NATIONAL_COUNTIES) suggested = "national";
  else if (inUse >= SCALING_MUNICIPALITIES) suggested = "scaling";
  else if (inUse >= 1) suggested = "in_use";
  else if (count("piloting") >= 1) suggested = "pilot";
  if (!suggested) return null;
  return ORDER.indexOf(suggested) > ORDER.indexOf(status) ? suggested : null;
}
