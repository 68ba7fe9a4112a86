import { dataVersions } from "../../db/schema";
import { db } from "~/db.server";

/** The counters of db/schema/data-versions.ts: a change in one means a committed write in its scope. */
export interface DataVersions {
  content: number;
  baseData: number;
}

let inFlight: Promise<DataVersions> | undefined;
let queued: Promise<DataVersions> | undefined;

/**
 * The versions as committed when this call was made, or later. A caller that just learnt of a write
 * (its own, or another process's) must not be answered by a read sent before that write committed,
 * so a read already on its way is not shared: callers arriving meanwhile share the next one. At most
 * one read is in flight, however many requests ask.
 */
export function freshDataVersions(): Promise<DataVersions> {
  if (!inFlight) {
    inFlight = readDataVersions().finally(() => (inFlight = undefined));
    return inFlight;
  }
  const startNext = () => {
    queued = undefined;
    return freshDataVersions();
  };
  queued ??= inFlight.then(startNext, startNext);
  return queued;
}

async function readDataVersions(): Promise<DataVersions> {
  const rows = await db().select().from(dataVersions);
  const versionOf = (scope: string) => rows.find((row) => row.scope === scope)?.version ?? 0;
  return { content: versionOf("content"), baseData: versionOf("base_data") };
}
