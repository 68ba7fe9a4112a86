import type { SolutionStatus } from "../../db/schema/solution-values";
import { useT } from "~/i18n/i18n";
import { capitalise } from "~/lib/text";

const TAG_COLOR: Record<SolutionStatus, string> = {
  idea: "neutral",
  pilot: "info",
  in_use: "success",
  scaling: "success",
  national: "accent",
  retired: "warning",
};

/** A solution's scaling status as a tag: the list, its page and the evidence page share it. */
export function StatusBadge({ status }: { status: SolutionStatus }) {
  const t = useT();
  return (
    <span className="ds-tag" data-color={TAG_COLOR[status]} data-size="sm">
      {capitalise(t(`solutions.status.${status}`))}
    </span>
  );
}
