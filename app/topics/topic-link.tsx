import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { Norwegian } from "~/ui/norwegian";

/** A topic named in a short list: its title as a link, with its supporters and the proposer's municipality. */
export function TopicLink({ topic }: { topic: { id: number; title: string; supportCount: number; municipalityName: string | null } }) {
  const t = useT();
  return (
    <>
      <Link className="ds-link" to={`/topics/${topic.id}`}>
        <Norwegian>{topic.title}</Norwegian>
      </Link>{" "}
      <span className="text-sm">
        ({t("triage.supportCount", { count: topic.supportCount })}
        {topic.municipalityName ? `, ${topic.municipalityName}` : ""})
      </span>
    </>
  );
}
