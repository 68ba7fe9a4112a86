import { describe, expect, it } from "vitest";
import { municipalityFinder } from "./municipality-finder";

const find = municipalityFinder([
  { number: "1804", name: "Bodø" },
  { number: "1515", name: "Herøy (Møre og Romsdal)" },
  { number: "1818", name: "Herøy (Nordland)" },
  { number: "5001", name: "Trondheim - Tråante" },
]);

describe("a municipality from what was typed", () => {
  it.each([
    ["1804 Bodø", "1804"],
    ["1804", "1804"],
    ["bodø", "1804"],
    ["  Bodø ", "1804"],
    ["Herøy (Nordland)", "1818"],
    ["1818 Herøy", "1818"],
    ["Tråante", "5001"],
    ["trondheim", "5001"],
  ])("%j is %s", (entry, number) => {
    expect(find(entry)).toEqual({ ok: true, number });
  });

  it("asks for the number when two share the name, and says so when none has it", () => {
    expect(find("Herøy")).toEqual({ ok: false, reason: "ambiguous" });
    expect(find("Atlantis")).toEqual({ ok: false, reason: "unknown" });
    expect(find("9999 Bodø")).toEqual({ ok: false, reason: "unknown" });
  });
});
