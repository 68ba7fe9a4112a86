import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/**
 * The page numbers a pagination shows around the current one: the first, the last, and one either
 * side; `null` where numbers are left out.
 */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of sorted) {
    const previous = result.at(-1);
    if (typeof previous === "number" && n - previous > 1) result.push(n - previous === 2 ? n - 1 : null);
    result.push(n);
  }
  return result;
}

/**
 * A list's page links (previous, numbers around the current page, next) as plain links that keep the
 * list's query: `href(n)` is page n's address. Nothing when the list has one page.
 */
export function Pagination({ page, pageCount, href, label }: { page: number; pageCount: number; href: (page: number) => string; label: string }) {
  const t = useT();
  if (pageCount <= 1 && page === 1) return null;
  const link = (to: number, text: string, pageLabel?: string, current = false) => (
    <Link className="ds-button" data-variant="tertiary" to={href(to)} aria-label={pageLabel} aria-current={current ? "true" : undefined}>
      {text}
    </Link>
  );
  const inactive = (text: string) => (
    <span className="ds-button" data-variant="tertiary" aria-hidden="true">
      {text}
    </span>
  );
  return (
    <nav className="ds-pagination mt-8" aria-label={label}>
      <ul>
        <li>{page > 1 ? link(Math.min(page - 1, pageCount), t("pagination.previous")) : inactive(t("pagination.previous"))}</li>
        {pageWindow(page, pageCount).map((n, i) =>
          n === null ? <li key={`gap-${i}`} /> : <li key={n}>{link(n, String(n), t("pagination.pageN", { page: n }), n === page)}</li>,
        )}
        <li>{page < pageCount ? link(page + 1, t("pagination.next")) : inactive(t("pagination.next"))}</li>
      </ul>
    </nav>
  );
}
