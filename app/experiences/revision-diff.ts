import { diffLines, diffWords } from "diff";

/**
 * One run of a word-level comparison: text both revisions share, text the later one added, or text it
 * removed; or, in a long stretch of shared text, how many characters were left out around the changes.
 * Plain strings and numbers: the page renders them with React, so markdown shows as the text it is.
 */
export type DiffPart = readonly ["same" | "added" | "removed", string] | readonly ["gap", number];

export interface FieldDiff {
  changed: boolean;
  parts: DiffPart[];
}

export interface RevisionText {
  title: string;
  summary: string;
  bodyMd: string;
}

/**
 * Past this many edits, or this long, the diff library gives up (a rewrite, not an edit): the block is
 * shown as removed and added whole. It bounds the work a 200 KB body can cost a request.
 */
const MAX_EDIT_LENGTH = 1000;
const TIME_BUDGET_MS = 200;

/** How much shared text is kept either side of a change, at most: a few lines, cut between words. */
export const CONTEXT_CHARS = 300;
const CONTEXT_LINES = 3;

type Run = ["same" | "added" | "removed", string];

/**
 * What changed from `before` to `after`, word by word. Lines first, then words within each changed block
 * of lines: much faster on a long body than words over the whole text, and changes stay in their paragraph.
 * A change of spacing alone is not a change: shared text reads as `after` has it.
 */
export function diffText(before: string, after: string): Run[] {
  if (before === after) return before ? [["same", before]] : [];
  // The lines before the first change and after the last are shared: only the middle goes to the library,
  // which would otherwise split all of a long body into lines first.
  const [prefix, suffix] = sharedLines(before, after);
  const middle = diffMiddle(before.slice(prefix, before.length - suffix), after.slice(prefix, after.length - suffix));
  return runs([["same", before.slice(0, prefix)], ...middle, ["same", before.slice(before.length - suffix)]]);
}

/** How many characters of whole lines the two texts share at the start, and then at the end. */
function sharedLines(before: string, after: string): [number, number] {
  const shorter = Math.min(before.length, after.length);
  const sharedStart = longest(shorter, (n) => before.slice(0, n) === after.slice(0, n));
  // Back to just after the last shared line break (or nothing).
  const start = sharedStart === 0 ? 0 : before.lastIndexOf("\n", sharedStart - 1) + 1;
  const sharedEnd = longest(shorter - start, (n) => before.slice(before.length - n) === after.slice(after.length - n));
  // On to just after the first shared line break (or nothing).
  const lineBreak = sharedEnd === 0 ? -1 : before.indexOf("\n", before.length - sharedEnd);
  return [start, lineBreak === -1 ? 0 : before.length - 1 - lineBreak];
}

/** The largest n up to `max` for which `holds(n)`, which holds up to some n and not beyond: by halving. */
function longest(max: number, holds: (n: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (holds(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function diffMiddle(before: string, after: string): Run[] {
  const deadline = performance.now() + TIME_BUDGET_MS;
  const limits = () => ({ maxEditLength: MAX_EDIT_LENGTH, timeout: Math.max(1, deadline - performance.now()) });
  const blocks = diffLines(before, after, limits());
  if (!blocks) return runs([["removed", before], ["added", after]]);
  const result: Run[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.removed && next?.added) {
      const words = diffWords(block.value, next.value, limits());
      if (words) result.push(...words.map(runOf));
      else result.push(["removed", block.value], ["added", next.value]);
      i++;
    } else {
      result.push(runOf(block));
    }
  }
  return runs(result);
}

function runOf(change: { added: boolean; removed: boolean; value: string }): Run {
  return [change.added ? "added" : change.removed ? "removed" : "same", change.value];
}

/** Joins neighbouring runs of one kind and drops empty ones. */
function runs(list: Run[]): Run[] {
  const joined: Run[] = [];
  for (const [kind, text] of list) {
    if (!text) continue;
    const last = joined.at(-1);
    if (last && last[0] === kind) last[1] += text;
    else joined.push([kind, text]);
  }
  return joined;
}

/** The start of a text, at most `CONTEXT_LINES` lines and about `CONTEXT_CHARS` characters, ending between words. */
export function headOf(text: string): string {
  let head = text.slice(0, CONTEXT_CHARS);
  let lineEnd = -1;
  for (let n = 0; n < CONTEXT_LINES; n++) {
    lineEnd = head.indexOf("\n", lineEnd + 1);
    if (lineEnd === -1) break;
  }
  if (lineEnd !== -1) return head.slice(0, lineEnd + 1);
  if (head.length < text.length) {
    const space = head.search(/\s\S*$/);
    if (space > CONTEXT_CHARS / 2) head = head.slice(0, space + 1);
  }
  return head;
}

/** The end of a text, as `headOf` its start. */
export function tailOf(text: string): string {
  let tail = text.slice(Math.max(0, text.length - CONTEXT_CHARS));
  let lineStart = tail.length;
  for (let n = 0; n < CONTEXT_LINES + 1; n++) {
    // The text before a change usually ends with the start of its line: count the lines before that.
    const found = tail.lastIndexOf("\n", lineStart - 1);
    if (found === -1) {
      lineStart = -1;
      break;
    }
    lineStart = found;
  }
  if (lineStart !== -1) return tail.slice(lineStart + 1);
  if (tail.length < text.length) {
    const space = tail.search(/\s/);
    if (space !== -1 && space < CONTEXT_CHARS / 2) tail = tail.slice(space + 1);
  }
  return tail;
}

/**
 * Leaves out the middle of long stretches of shared text, keeping some either side of each change, so a
 * one-word edit of a long write-up reads as that word in its paragraph, not the whole text again.
 */
export function collapseUnchanged(list: Run[]): DiffPart[] {
  const parts: DiffPart[] = [];
  list.forEach(([kind, text], i) => {
    if (kind !== "same") {
      parts.push([kind, text]);
      return;
    }
    const first = i === 0;
    const last = i === list.length - 1;
    // What follows a change, and the start of a text unchanged throughout; what comes before a change.
    const head = !first || last ? headOf(text) : "";
    const tail = last ? "" : tailOf(text);
    // Leaving out less than a screenful saves nothing and hides what the reader would look for.
    if (text.length - head.length - tail.length < CONTEXT_CHARS) {
      parts.push(["same", text]);
      return;
    }
    if (head) parts.push(["same", head]);
    parts.push(["gap", text.length - head.length - tail.length]);
    if (tail) parts.push(["same", tail]);
  });
  return parts;
}

export function diffField(before: string, after: string): FieldDiff {
  const list = diffText(before, after);
  return { changed: list.some(([kind]) => kind !== "same"), parts: collapseUnchanged(list) };
}

/** Title, summary and body of two revisions compared, each on its own. */
export function diffRevisions(from: RevisionText, to: RevisionText) {
  return {
    title: diffField(from.title, to.title),
    summary: diffField(from.summary, to.summary),
    body: diffField(from.bodyMd, to.bodyMd),
  };
}

export type RevisionDiff = ReturnType<typeof diffRevisions>;

/** Which two revisions the history page compares, and whether what was asked for could not be. */
export interface RevisionChoice {
  from: number;
  to: number;
  /** `from` and `to` were asked for but are not two revisions of this write-up: the defaults are shown. */
  fellBack: boolean;
}

const revisionNumber = (value: string | null) => (value && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : undefined);

/**
 * The two revisions to compare, from the query (`from`, `to`) and the revision numbers there are, newest
 * first. By default the latest and the one before it; `to` alone compares it with the one before it. Two
 * asked for the wrong way round are swapped, so the diff reads from older to newer. A number that is not
 * one of the revisions, or both the same, falls back to the defaults. Null with fewer than two revisions.
 */
export function chooseRevisions(params: URLSearchParams, numbers: readonly number[]): RevisionChoice | null {
  const sorted = [...numbers].sort((a, b) => b - a);
  if (sorted.length < 2) return null;
  const defaults = { from: sorted[1]!, to: sorted[0]! };
  const askedFrom = params.get("from");
  const askedTo = params.get("to");
  if (askedFrom === null && askedTo === null) return { ...defaults, fellBack: false };
  const to = askedTo === null || askedTo === "" ? defaults.to : revisionNumber(askedTo);
  const from = askedFrom === null || askedFrom === "" ? sorted.find((n) => to !== undefined && n < to) : revisionNumber(askedFrom);
  if (from === undefined || to === undefined || from === to || !sorted.includes(from) || !sorted.includes(to)) {
    return { ...defaults, fellBack: true };
  }
  return { from: Math.min(from, to), to: Math.max(from, to), fellBack: false };
}
