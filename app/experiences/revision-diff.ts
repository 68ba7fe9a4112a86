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
 * Past this many edits the diff library gives up (a rewrite, not an edit): the block is shown as removed
 * and added whole. It bounds the work a 200 KB body can cost a request.
 */
const MAX_EDIT_LENGTH = 1000;

/** How much shared text is kept either side of a change, at most: a few lines, cut between words. */
export const CONTEXT_CHARS = 300;
const CONTEXT_LINES = 3;

type Run = ["same" | "added" | "removed", string];

/**
 * What changed from `before` to `after`, word by word. Lines first, then words within each changed block
 * of lines: much faster on a long body than words over the whole text, and changes stay in their paragraph.
 */
export function diffText(before: string, after: string): Run[] {
  if (before === after) return before ? [["same", before]] : [];
  const blocks = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!blocks) return runs([["removed", before], ["added", after]]);
  const result: Run[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.removed && next?.added) {
      const words = diffWords(block.value, next.value, { maxEditLength: MAX_EDIT_LENGTH });
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
    if (head.length + tail.length >= text.length) {
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
