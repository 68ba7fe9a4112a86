import { asc, eq, sql } from "drizzle-orm";
import { adoptions, municipalities } from "../../db/schema";
import { noStateCounts, type AdoptionPicture } from "./adoption-picture";
import { adoptionChangesOf } from "./adoptions.server";
import { db } from "~/db.server";
import { osloToday } from "~/lib/oslo-time.server";

/** A chart and its table stay readable (and the page light) with at most this many points. */
const MAX_POINTS = 40;
const STEPS = [1, 3, 6, 12, 24, 60];

type Change = Awaited<ReturnType<typeof adoptionChangesOf>>[number];

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

/**
 * The municipalities in each state at the end of each month up to `thisMonth`, every `step` months back
 * from it. A municipality's state at a month's end is its latest recorded change in effect by then: a
 * later correction to an earlier date wins over what it corrects, so the last point is the state now.
 */
export function adoptionSeries(changes: readonly Pick<Change, "municipalityNumber" | "state" | "since" | "createdAt">[], thisMonth: string) {
  if (changes.length === 0) return { series: [], step: 1 };
  // Oldest `since` first; among changes in effect, the one recorded last wins.
  const ordered = changes
    .map((change, i) => ({ ...change, i, month: monthIndex(change.since) }))
    .sort((a, b) => a.month - b.month || a.i - b.i);
  const first = ordered[0]!.month;
  const last = monthIndex(thisMonth);
  const step = STEPS.find((s) => Math.floor((last - first) / s) + 1 <= MAX_POINTS) ?? STEPS.at(-1)!;
  const months: number[] = [];
  for (let m = last; m > first - step; m -= step) months.unshift(m);

  const current = new Map<string, (typeof ordered)[number]>();
  const counts = noStateCounts();
  const series: AdoptionPicture["series"] = [];
  let next = 0;
  for (const month of months) {
    for (; next < ordered.length && ordered[next]!.month <= month; next++) {
      const change = ordered[next]!;
      const held = current.get(change.municipalityNumber);
      const recordedLater = !held || change.createdAt.getTime() > held.createdAt.getTime() || (change.createdAt.getTime() === held.createdAt.getTime() && change.i > held.i);
      if (!recordedLater) continue;
      if (held) counts[held.state]--;
      counts[change.state]++;
      current.set(change.municipalityNumber, change);
    }
    series.push({ month: monthOf(month), counts: { ...counts } });
  }
  return { series, step };
}

/** Counts by adoption state, adoption over time, and each county's municipalities by state. */
export async function loadAdoptionPicture(solutionId: number): Promise<AdoptionPicture> {
  const [changes, byCounty] = await Promise.all([
    adoptionChangesOf(solutionId),
    // Every county, with or without adopters: the strip names all of them.
    db()
      .select({
        number: municipalities.countyNumber,
        name: municipalities.countyName,
        state: adoptions.state,
        n: sql<number>`count(${adoptions.id})::int`,
      })
      .from(municipalities)
      .leftJoin(adoptions, sql`${adoptions.municipalityNumber} = ${municipalities.number} and ${eq(adoptions.solutionId, solutionId)}`)
      .groupBy(municipalities.countyNumber, municipalities.countyName, adoptions.state)
      .orderBy(asc(municipalities.countyNumber)),
  ]);
  const counts = noStateCounts();
  const counties: AdoptionPicture["counties"] = [];
  for (const row of byCounty) {
    let county = counties.at(-1);
    if (county?.number !== row.number) counties.push((county = { number: row.number, name: row.name, counts: noStateCounts() }));
    if (row.state) {
      county.counts[row.state] += row.n;
      counts[row.state] += row.n;
    }
  }
  return { solutionId, counts, ...adoptionSeries(changes, osloToday().slice(0, 7)), counties };
}
