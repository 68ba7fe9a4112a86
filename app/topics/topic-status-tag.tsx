import { capitalise } from "~/lib/text";
import type { TopicStatus } from "../../db/schema/topic-values";
import { useT } from "~/i18n/i18n";

const TAG_COLOR: Record<TopicStatus, string> = {
  proposed: "neutral",
  shortlisted: "info",
  scheduled: "accent",
  covered: "success",
  declined: "danger",
  merged: "neutral",
};

/** A topic's status as a coloured tag. */
export function TopicStatusTag({ status }: { status: TopicStatus }) {
  const t = useT();
  return (
    <span className="ds-tag" data-color={TAG_COLOR[status]} data-size="sm">
      {capitalise(t(`topics.status.${status}`))}
    </span>
  );
}
