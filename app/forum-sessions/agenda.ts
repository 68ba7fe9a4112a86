// Pure agenda rules, shared by the server and the pages.

export interface AgendaSlot {
  id: number;
  startOffsetMinutes: number;
  durationMinutes: number;
}

export interface AgendaFlags {
  /** Ids of other items this one overlaps in time. */
  overlaps: number[];
  /** Runs past the forum session's end. */
  pastEnd: boolean;
}

/** Flags items that overlap another or run past the end; flagged, not refused, so a draft can be messy. */
export function agendaFlags(items: AgendaSlot[], sessionMinutes: number): Map<number, AgendaFlags> {
  const flags = new Map<number, AgendaFlags>();
  for (const item of items) {
    const end = item.startOffsetMinutes + item.durationMinutes;
    flags.set(item.id, {
      overlaps: items
        .filter(
          (other) =>
            other.id !== item.id &&
            other.startOffsetMinutes < end &&
            item.startOffsetMinutes < other.startOffsetMinutes + other.durationMinutes,
        )
        .map((other) => other.id),
      pastEnd: end > sessionMinutes,
    });
  }
  return flags;
}

export function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
