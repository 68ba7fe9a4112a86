import { Norwegian } from "./norwegian";

export interface StoredRow {
  label: string;
  value: string;
  /** Not members' own writing (dates, theme names in the reader's language): not marked as Norwegian. */
  plain?: boolean;
}

/**
 * What is saved now, read-only, beside the editor's own typing after a stale save: every editor that
 * refuses an edit of a changed record shows one, so that nothing typed is lost and the two can be merged.
 */
export function StoredVersion({ heading, note, rows }: { heading: string; note?: string; rows: StoredRow[] }) {
  return (
    <section className="ds-card mt-6 min-w-0 self-start" data-variant="tinted" aria-labelledby="stored-version">
      <h2 id="stored-version" className="ds-heading" data-size="xs">
        {heading}
      </h2>
      {note ? (
        <p className="ds-paragraph mt-2" data-size="sm">
          {note}
        </p>
      ) : null}
      <dl className="mt-3 space-y-1">
        {rows.map((row) => (
          <div key={row.label}>
            <dt className="font-semibold">{row.label}</dt>
            <dd className="whitespace-pre-wrap break-words">{row.plain ? row.value || "–" : <Norwegian>{row.value || "–"}</Norwegian>}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
