import type { AdoptionState, Solution } from "../../db/schema";
import { loadAdoptionPicture } from "./adoption-picture.server";
import { adoptionsOf } from "./adoptions.server";
import { forumSessionsOfSolution } from "./links.server";
import { getSolutionBySlug, getSolutionDetails, statusHistory } from "./solutions.server";
import { experiencesOfSolution, procurementOf } from "~/experiences/experiences.server";
import { can, type ViewerSummary } from "~/members/rights";

/**
 * An accepted entry by its slug, for the pages everyone may read about it (evidence, joint procurement):
 * anything else, a proposal included, is as if it did not exist. A slug no entry could have is not looked up.
 */
export async function acceptedSolutionBySlug(slug: string | undefined): Promise<Solution | undefined> {
  if (!slug || !/^[a-z0-9-]{1,120}$/.test(slug)) return undefined;
  const solution = await getSolutionBySlug(slug);
  return solution?.review === "accepted" ? solution : undefined;
}

/** The evidence page lists the municipalities furthest along first. */
export const EVIDENCE_STATE_ORDER: readonly AdoptionState[] = ["in_use", "piloting", "planning", "interested", "discontinued"];

/**
 * What a scaling-fund application needs of one accepted solution, as the viewer may see it: its facts,
 * status history, adopters by state, the adoption picture, write-ups with their procurement facts and
 * the forum sessions where it was presented. Names of people only for approved members.
 */
export async function loadEvidence(solution: Solution, viewer: ViewerSummary | null) {
  const members = can(viewer, "readMembersOnly");
  const [details, history, adoptionRows, picture, writeUps, forumSessions] = await Promise.all([
    getSolutionDetails(solution),
    statusHistory(solution.id),
    adoptionsOf(solution.id),
    loadAdoptionPicture(solution.id),
    experiencesOfSolution(solution.id, viewer),
    forumSessionsOfSolution(solution.id, viewer),
  ]);
  const procurements = await Promise.all(writeUps.map((w) => (w.procedure ? procurementOf(w.id) : undefined)));
  return {
    owner: details.owner ?? null,
    suppliers: details.suppliers.map(({ slug, name }) => ({ slug, name })),
    history: history.map((h) => ({
      id: h.id,
      toStatus: h.toStatus,
      note: h.note,
      effectiveOn: h.effectiveOn,
      changedByName: members ? h.changedByName : null,
    })),
    adopters: EVIDENCE_STATE_ORDER.map((state) => ({
      state,
      municipalities: adoptionRows
        .filter((a) => a.state === state)
        .map((a) => ({ number: a.municipalityNumber, name: a.municipalityName, countyName: a.countyName, since: a.since, stale: a.stale })),
    })).filter((group) => group.municipalities.length > 0),
    picture,
    writeUps: writeUps.map((w, i) => {
      const facts = procurements[i];
      return {
        id: w.id,
        title: w.title,
        summary: w.summary,
        municipalityName: w.municipalityName,
        publishedAt: w.publishedAt,
        procurement: facts ? { procedure: facts.procedure, year: facts.year, suppliers: facts.suppliers, valueBand: facts.valueBand } : null,
      };
    }),
    forumSessions: forumSessions
      .filter((session) => session.status !== "cancelled")
      .map(({ id, title, startsAt, status, agendaItemTitle }) => ({ id, title, startsAt, upcoming: status !== "held", agendaItemTitle })),
  };
}
