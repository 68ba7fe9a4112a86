import { describe, expect, it } from "vitest";
import { chooseRevisions, CONTEXT_CHARS, diffField, diffRevisions, diffText, headOf, tailOf, type DiffPart } from "./revision-diff";

const textOf = (parts: readonly DiffPart[], kinds: string[]) =>
  parts
    .filter(([kind]) => kinds.includes(kind))
    .map(([, text]) => text)
    .join("");
/** The earlier text back from a diff without gaps: what is shared and what was removed. */
const before = (parts: readonly DiffPart[]) => textOf(parts, ["same", "removed"]);
const after = (parts: readonly DiffPart[]) => textOf(parts, ["same", "added"]);

describe("comparing two texts word by word", () => {
  it("marks the words removed and the words added, and keeps the rest as it was", () => {
    expect(diffText("Vi lærte mye av piloten.", "Vi lærte lite av piloten i Bodø.")).toEqual([
      ["same", "Vi lærte "],
      ["removed", "mye"],
      ["added", "lite"],
      ["same", " av piloten "],
      ["added", "i Bodø"],
      ["same", "."],
    ]);
  });

  it("gives back both texts whole: nothing is lost, line breaks stay where they were", () => {
    const a = "# Bakgrunn\n\nVi startet i 2021.\n\n- tjue pasienter\n- to sykehjem\n";
    const b = "# Bakgrunn\n\nVi startet i 2022, etter en pilot.\n\n- tretti pasienter\n- to sykehjem\n\nSlutt.";
    const parts = diffText(a, b);
    expect(before(parts)).toBe(a);
    expect(after(parts)).toBe(b);
    expect(parts).toContainEqual(["removed", "2021"]);
    expect(parts).toContainEqual(["added", "tretti"]);
  });

  it("is one shared run for equal texts and nothing for two empty ones", () => {
    expect(diffText("Samme tekst.", "Samme tekst.")).toEqual([["same", "Samme tekst."]]);
    expect(diffText("", "")).toEqual([]);
    expect(diffText("", "Ny")).toEqual([["added", "Ny"]]);
    expect(diffText("Gammel", "")).toEqual([["removed", "Gammel"]]);
  });

  it("finds a change at the very start, the very end and in the middle of a long text", () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `Linje ${i} om tjenesten.`).join("\n");
    expect(diffText(lines, `Ny ${lines}`)).toEqual([
      ["added", "Ny "],
      ["same", lines],
    ]);
    expect(diffText(lines, `${lines}!`)).toEqual([
      ["same", lines],
      ["added", "!"],
    ]);
    const middle = diffText(lines, lines.replace("Linje 1000 om", "Linje 1000 handler om"));
    expect(middle.filter(([kind]) => kind !== "same")).toEqual([["added", "handler "]]);
  });

  it("gives back the later text exactly, and the earlier but for spacing, for many random pairs", () => {
    let seed = 12_345;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ["a", "b", " ", "\n", "ø", "\n\n", "ab ", "x", "😀", "<b>"];
    const text = () => Array.from({ length: random(14) }, () => pieces[random(pieces.length)]).join("");
    for (let i = 0; i < 5_000; i++) {
      const [a, b] = [text(), text()];
      const parts = diffText(a, b);
      expect(after(parts), JSON.stringify([a, b])).toBe(b);
      expect(before(parts).replace(/\s/g, ""), JSON.stringify([a, b])).toBe(a.replace(/\s/g, ""));
    }
  });

  it("keeps hostile markdown as plain text in the parts, for React to escape", () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <svg onload=alert(3)> <iframe src="javascript:alert(4)"></iframe> [lenke](javascript:alert(5))';
    const parts = diffText("Trygt.", `Trygt. ${hostile}`);
    expect(after(parts)).toBe(`Trygt. ${hostile}`);
    expect(parts.every(([kind, text]) => typeof kind === "string" && typeof text === "string")).toBe(true);
  });

  it("gives up on a rewrite of a long text quickly, showing it removed and added whole", () => {
    const words = (seed: number) => Array.from({ length: 20_000 }, (_, i) => `ord${(i * seed) % 9973}`).join(" ");
    const a = words(7);
    const b = words(13);
    const started = performance.now();
    const parts = diffText(a, b);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(before(parts)).toBe(a);
    expect(after(parts)).toBe(b);
  });
});

describe("a field's diff, shortened", () => {
  const paragraph = (n: number) => `Avsnitt ${n} handler om velferdsteknologi i kommunen og hvordan vi tok den i bruk.`;
  const long = Array.from({ length: 100 }, (_, i) => paragraph(i)).join("\n\n");

  it("says whether anything changed", () => {
    expect(diffField("Tittel", "Tittel").changed).toBe(false);
    expect(diffField("Tittel", "Ny tittel").changed).toBe(true);
  });

  it("keeps short texts whole", () => {
    expect(diffField("Kort tekst her.", "Kort tekst der.").parts).toEqual([
      ["same", "Kort tekst "],
      ["removed", "her"],
      ["added", "der"],
      ["same", "."],
    ]);
  });

  it("keeps a few short paragraphs whole: leaving out less than a screenful would only hide them", () => {
    const text = "Vi lærte **mye** av piloten.\n\nNeste år skal vi gjøre mer.\n\n";
    const { parts } = diffField(text, `${text}Ny tekst.`);
    expect(parts).toEqual([
      ["same", text],
      ["added", "Ny tekst."],
    ]);
  });

  it("leaves out the middle of long unchanged stretches and keeps some text around each change", () => {
    const edited = long.replace(paragraph(50), paragraph(50).replace("velferdsteknologi", "trygghetsalarmer"));
    const { changed, parts } = diffField(long, edited);
    expect(changed).toBe(true);
    expect(parts.map(([kind]) => kind)).toEqual(["gap", "same", "removed", "added", "same", "gap"]);
    expect(parts).toContainEqual(["removed", "velferdsteknologi"]);
    expect(parts).toContainEqual(["added", "trygghetsalarmer"]);
    const shown = parts.filter(([kind]) => kind === "same").map(([, text]) => String(text));
    expect(shown[0]).toContain("Avsnitt 50 handler om ");
    expect(shown[1]).toContain(" i kommunen og hvordan vi tok den i bruk.");
    for (const text of shown) expect(text.length).toBeLessThanOrEqual(CONTEXT_CHARS);
    // Nothing is lost in counting: what is shown plus what is left out is the whole text.
    const counted = parts.reduce((sum, [kind, text]) => sum + (kind === "gap" ? (text as number) : kind === "added" ? 0 : String(text).length), 0);
    expect(counted).toBe(long.length);
  });

  it("shows the start of a long text that did not change, and how much more there is", () => {
    const { changed, parts } = diffField(long, long);
    expect(changed).toBe(false);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual(["same", expect.stringMatching(/^Avsnitt 0 /)]);
    expect(parts[1]![0]).toBe("gap");
  });
});

describe("context around a change", () => {
  it("ends between words and after at most a few lines", () => {
    const words = "ord ".repeat(200);
    expect(headOf(words).endsWith(" ")).toBe(true);
    expect(headOf(words).length).toBeLessThanOrEqual(CONTEXT_CHARS);
    expect(tailOf(words).startsWith("ord")).toBe(true);
    expect(headOf("a\nb\nc\nd\ne\nf")).toBe("a\nb\nc\n");
    expect(tailOf("a\nb\nc\nd\ne\nf")).toBe("c\nd\ne\nf");
  });
});

describe("two revisions compared", () => {
  it("compares title, summary and body each on its own", () => {
    const diff = diffRevisions(
      { title: "Felles innkjøp", summary: "Seks kommuner.", bodyMd: "Vi lærte **mye**." },
      { title: "Felles innkjøp", summary: "Sju kommuner.", bodyMd: "Vi lærte **mer**." },
    );
    expect(diff.title).toEqual({ changed: false, parts: [["same", "Felles innkjøp"]] });
    expect(diff.summary.parts).toEqual([
      ["removed", "Seks"],
      ["added", "Sju"],
      ["same", " kommuner."],
    ]);
    expect(diff.body.parts).toContainEqual(["removed", "mye"]);
    expect(diff.body.parts).toContainEqual(["added", "mer"]);
  });
});

describe("choosing the revisions to compare", () => {
  const choose = (query: string, numbers = [4, 3, 2, 1]) => chooseRevisions(new URLSearchParams(query), numbers);

  it("compares the latest with the one before it unless asked", () => {
    expect(choose("")).toEqual({ from: 3, to: 4, fellBack: false });
    expect(choose("", [2, 1])).toEqual({ from: 1, to: 2, fellBack: false });
  });

  it("has nothing to compare with fewer than two revisions", () => {
    expect(choose("", [1])).toBeNull();
    expect(choose("from=1&to=2", [1])).toBeNull();
    expect(choose("", [])).toBeNull();
  });

  it("compares any two asked for, older first", () => {
    expect(choose("from=1&to=4")).toEqual({ from: 1, to: 4, fellBack: false });
    expect(choose("from=4&to=2")).toEqual({ from: 2, to: 4, fellBack: false });
    expect(choose("to=3")).toEqual({ from: 2, to: 3, fellBack: false });
    expect(choose("from=1")).toEqual({ from: 1, to: 4, fellBack: false });
    expect(choose("from=1&to=")).toEqual({ from: 1, to: 4, fellBack: false });
  });

  it("falls back to the defaults, saying so, for anything that is not two of the revisions", () => {
    for (const query of ["from=3&to=3", "from=0&to=4", "from=5&to=4", "from=abc&to=4", "from=-1&to=2", "from=1.5&to=4", "to=1", "from=99999999999999999999&to=2", "from=1e2&to=4", "to=%00"]) {
      expect(choose(query), query).toEqual({ from: 3, to: 4, fellBack: true });
    }
  });
});
