import type { SolutionStatus } from "../../db/schema/solution-values";
import { useT } from "~/i18n/i18n";
import { capitalise } from "~/lib/text";

/** A solution's scaling status as a small tag in the catalogue list and on municipality pages. */
export function CatalogueStatusTag({ status }: { status: SolutionStatus }) {
  const t = useT();
  return (
    <span className="ds-tag" data-color={status === "retired" ? "warning" : status === "idea" || status === "pilot" ? "info" : "success"} data-size="sm">
      {capitalise(t(`solutions.status.${status}`))}
    </span>
  );
}
