import type { DiffPart } from "./revision-diff";

export interface DiffLabels {
  addedStart: string;
  addedEnd: string;
  removedStart: string;
  removedEnd: string;
  gap: (count: number) => string;
}

// Colour is not the only sign: added text is underlined, removed text struck through, and screen readers
// hear where each starts and ends. Designsystemet's tinted surfaces with their text colours pass AA.
export const ADDED_CLASS = "bg-[var(--ds-color-success-surface-tinted)] text-[var(--ds-color-success-text-default)] underline";
export const REMOVED_CLASS = "bg-[var(--ds-color-danger-surface-tinted)] text-[var(--ds-color-danger-text-default)] line-through";

/**
 * A word-level diff as text: React escapes every part, so markdown (and any HTML in it) shows as the
 * characters that were typed. Line breaks are kept as they were written.
 */
export function DiffText({ parts, labels, lang }: { parts: readonly DiffPart[]; labels: DiffLabels; lang?: string }) {
  return (
    <div className="ds-paragraph min-w-0 break-words whitespace-pre-wrap" lang={lang}>
      {parts.map((part, i) => {
        switch (part[0]) {
          case "same":
            return <span key={i}>{part[1]}</span>;
          case "added":
            return (
              <ins key={i} className={ADDED_CLASS}>
                <span className="ds-sr-only">{labels.addedStart}</span>
                {part[1]}
                <span className="ds-sr-only">{labels.addedEnd}</span>
              </ins>
            );
          case "removed":
            return (
              <del key={i} className={REMOVED_CLASS}>
                <span className="ds-sr-only">{labels.removedStart}</span>
                {part[1]}
                <span className="ds-sr-only">{labels.removedEnd}</span>
              </del>
            );
          case "gap":
            return (
              <span key={i} className="my-1 block text-[var(--ds-color-neutral-text-subtle)] italic">
                {labels.gap(part[1])}
              </span>
            );
        }
      })}
    </div>
  );
}
