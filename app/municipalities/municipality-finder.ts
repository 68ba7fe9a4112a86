/** A municipality of the register as the finder reads it. */
export interface RegisterMunicipality {
  number: string;
  name: string;
}

export type FoundMunicipality = { ok: true; number: string } | { ok: false; reason: "unknown" | "ambiguous" };

const fold = (text: string) => text.trim().toLocaleLowerCase("nb").normalize("NFC");

/** "Herøy (Nordland)" answers to "Herøy"; "Trondheim - Tråante" to either of its names. */
const namesOf = (name: string) => [name, ...name.replace(/\s*\(.*\)$/, "").split(" - ")].map(fold);

/**
 * Finds a municipality from what was typed: its number first ("1804 Bodø", "1804"), else its name (in any
 * of its languages, letter case aside). A name two municipalities share ("Herøy") needs the number. Each
 * form says "unknown" and "ambiguous" in its own words.
 */
export function municipalityFinder(register: readonly RegisterMunicipality[]) {
  const numbers = new Set(register.map((m) => m.number));
  const folded = register.map((m) => ({ number: m.number, name: fold(m.name), names: namesOf(m.name) }));
  return (entry: string): FoundMunicipality => {
    const number = entry.match(/^\s*(\d{4})(?!\d)/)?.[1];
    if (number) return numbers.has(number) ? { ok: true, number } : { ok: false, reason: "unknown" };
    const wanted = fold(entry);
    const exact = folded.filter((m) => m.name === wanted);
    const named = exact.length > 0 ? exact : folded.filter((m) => m.names.includes(wanted));
    if (named.length === 1) return { ok: true, number: named[0]!.number };
    return { ok: false, reason: named.length > 1 ? "ambiguous" : "unknown" };
  };
}
