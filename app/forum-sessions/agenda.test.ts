import { describe, expect, it } from "vitest";
import { agendaFlags, moveInAgenda, placeByTime } from "./agenda";

const slot = (id: number, startOffsetMinutes: number, durationMinutes: number) => ({ id, startOffsetMinutes, durationMinutes });
const starts = (items: { id: number; startOffsetMinutes: number }[] | null) => items?.map((i) => [i.id, i.startOffsetMinutes]);

describe("moving an agenda item", () => {
  // 09:00, 09:10, 09:50, 10:20 as minutes after a 09:00 start.
  const agenda = [slot(1, 0, 10), slot(2, 10, 40), slot(3, 50, 30), slot(4, 80, 20)];

  it("moving the last item up gives it the slot above and the other follows it", () => {
    expect(starts(moveInAgenda(agenda, 4, "up"))).toEqual([[1, 0], [2, 10], [4, 50], [3, 70]]);
  });

  it("a move down is the same swap seen from the other item", () => {
    expect(moveInAgenda(agenda, 3, "down")).toEqual(moveInAgenda(agenda, 4, "up"));
  });

  it("keeps the pause between the two, so the pair ends where it ended", () => {
    const moved = moveInAgenda([slot(1, 0, 30), slot(2, 45, 15)], 2, "up")!;
    expect(starts(moved)).toEqual([[2, 0], [1, 30]]);
    expect(moved[1]!.startOffsetMinutes + moved[1]!.durationMinutes).toBe(60);
  });

  it("puts two overlapping items one after the other, never before the session starts", () => {
    expect(starts(moveInAgenda([slot(1, 0, 60), slot(2, 10, 10)], 2, "up"))).toEqual([[2, 0], [1, 10]]);
  });

  it("only reorders a pair whose times already disagreed with their order", () => {
    expect(starts(moveInAgenda([slot(1, 80, 20), slot(2, 50, 30)], 2, "up"))).toEqual([[2, 50], [1, 80]]);
  });

  it("does nothing to the first item moved up or the last moved down", () => {
    expect(moveInAgenda(agenda, 1, "up")).toBeNull();
    expect(moveInAgenda(agenda, 4, "down")).toBeNull();
    expect(moveInAgenda(agenda, 99, "up")).toBeNull();
  });
});

describe("placing an item by its time", () => {
  it("goes before the first later item, and after items at the same time with a lower id", () => {
    const others = [slot(1, 0, 10), slot(2, 30, 10), slot(4, 60, 10)];
    expect(placeByTime(others, slot(5, 30, 10)).map((i) => i.id)).toEqual([1, 2, 5, 4]);
    expect(placeByTime(others, slot(3, 30, 10)).map((i) => i.id)).toEqual([1, 2, 3, 4]);
    expect(placeByTime([slot(2, 30, 10)], slot(1, 30, 10)).map((i) => i.id)).toEqual([1, 2]);
    expect(placeByTime(others, slot(6, 90, 10)).map((i) => i.id)).toEqual([1, 2, 4, 6]);
  });
});

describe("flags", () => {
  it("say when an item starts before the one above it", () => {
    const flags = agendaFlags([slot(1, 0, 10), slot(2, 80, 20), slot(3, 50, 30)], 120);
    expect([...flags.values()].map((f) => f.startsBeforePrevious)).toEqual([false, false, true]);
  });
});
