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
  /** Listed below an item that starts later: the order and the times disagree. */
  startsBeforePrevious: boolean;
}

/**
 * Flags, for items in agenda order, those that overlap another, run past the end, or start before the
 * item above them; flagged, not refused, so a draft can be messy.
 */
export function agendaFlags(items: AgendaSlot[], sessionMinutes: number): Map<number, AgendaFlags> {
  const flags = new Map<number, AgendaFlags>();
  for (const [index, item] of items.entries()) {
    const end = item.startOffsetMinutes + item.durationMinutes;
    const previous = items[index - 1];
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
      startsBeforePrevious: previous !== undefined && item.startOffsetMinutes < previous.startOffsetMinutes,
    });
  }
  return flags;
}

export function isFlagged(flag: AgendaFlags | undefined): boolean {
  return Boolean(flag && (flag.pastEnd || flag.startsBeforePrevious || flag.overlaps.length > 0));
}

/**
 * The agenda after moving one item a step up or down, with times that follow the new order, or null
 * when it is already first or last. The two items trade places and the earlier slot: the one moving
 * first starts where the pair started, the other follows it after the pause that was between them, so
 * the pair ends where it ended and no other item moves; each keeps its duration. When the pair's times
 * already disagreed with their order (older data), only the order changes, which puts them right.
 */
export function moveInAgenda<T extends AgendaSlot>(items: T[], itemId: number, direction: "up" | "down"): T[] | null {
  const index = items.findIndex((i) => i.id === itemId);
  const upperIndex = direction === "up" ? index - 1 : index;
  const upper = items[upperIndex];
  const lower = items[upperIndex + 1];
  if (index < 0 || upperIndex < 0 || !upper || !lower) return null;
  const moved = [...items];
  if (lower.startOffsetMinutes < upper.startOffsetMinutes) {
    moved.splice(upperIndex, 2, lower, upper);
    return moved;
  }
  const pause = Math.max(0, lower.startOffsetMinutes - (upper.startOffsetMinutes + upper.durationMinutes));
  const first = { ...lower, startOffsetMinutes: upper.startOffsetMinutes };
  const second = { ...upper, startOffsetMinutes: upper.startOffsetMinutes + lower.durationMinutes + pause };
  moved.splice(upperIndex, 2, first, second);
  return moved;
}

/** The agenda with `item` placed where its start time puts it (ties by id); the others keep their order. */
export function placeByTime<T extends AgendaSlot>(others: T[], item: T): T[] {
  const after = (other: T) =>
    other.startOffsetMinutes > item.startOffsetMinutes || (other.startOffsetMinutes === item.startOffsetMinutes && other.id > item.id);
  const index = others.findIndex(after);
  return index < 0 ? [...others, item] : [...others.slice(0, index), item, ...others.slice(index)];
}

export function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
