import { describe, expect, it } from "vitest";
import { registrationTotalOf, supportCountOf } from "./mix";

// The mix's freshness check reads these counts from the page a visitor gets: if it misread them, a stale
// page could pass (or a fresh one fail).
describe("the write-heavy mix reads the counts a visitor sees", () => {
  it("reads a forum session's registration total, in either language, with thousands separated", () => {
    expect(registrationTotalOf('<p class="ds-paragraph mt-2">Påmeldt: 312. Kommuner: 95.</p>')).toBe(312);
    expect(registrationTotalOf('<p class="ds-paragraph mt-2">Påmeldt: 1\u00a0204. Kommuner: 95.</p>')).toBe(1204);
    expect(registrationTotalOf('<p class="ds-paragraph mt-2">Registered: 7. Municipalities: 3.</p>')).toBe(7);
    expect(registrationTotalOf('<p class="ds-paragraph mt-2">Ingen er påmeldt ennå.</p>')).toBe(0);
  });

  it("reads a topic's support count, not another number on the page", () => {
    const page = '<h2>Kommentarer (750)</h2><p class="ds-paragraph font-semibold" role="status">1\u00a0512 støtter</p>';
    expect(supportCountOf(page)).toBe(1512);
    expect(supportCountOf('<p class="ds-paragraph font-semibold" role="status">1 støtte</p>')).toBe(1);
    expect(supportCountOf('<p class="ds-paragraph font-semibold" role="status">0 supports</p>')).toBe(0);
    expect(supportCountOf("<p>Kommentarer (750)</p>")).toBeUndefined();
  });
});
