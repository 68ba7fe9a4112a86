import { Link } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { capitalise } from "~/lib/text";
import { Norwegian } from "~/ui/norwegian";

export interface ExperienceLinkRow {
  id: number;
  title: string;
  visibility: "public" | "members";
  publishedAt: Date | string | null;
  municipalityName: string | null;
}

/** "kun for medlemmer" as a tag beside a write-up members-only, so a member knows not to share its link. */
export function MembersOnlyTag({ visibility }: { visibility: "public" | "members" }) {
  const t = useT();
  if (visibility !== "members") return null;
  return (
    <span className="ds-tag" data-color="warning" data-size="sm">
      {capitalise(t("experiences.visibility.members"))}
    </span>
  );
}

/**
 * Write-ups linked from another area's page (a forum session, a municipality, a topic): title, who and
 * when. The loader passes only those the viewer may see.
 */
export function ExperienceLinkList({ experiences }: { experiences: readonly ExperienceLinkRow[] }) {
  const language = useLanguage();
  return (
    <ul className="mt-3 space-y-3">
      {experiences.map((experience) => (
        <li key={experience.id} className="min-w-0 break-words">
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link className="ds-link" to={`/experiences/${experience.id}`}>
              <Norwegian>{experience.title}</Norwegian>
            </Link>
            <MembersOnlyTag visibility={experience.visibility} />
          </span>
          {experience.publishedAt ? (
            <span className="block text-sm">
              {experience.municipalityName ? (
                <>
                  <Norwegian>{experience.municipalityName}</Norwegian>,{" "}
                </>
              ) : null}
              <time dateTime={new Date(experience.publishedAt).toISOString()}>{formatDate(new Date(experience.publishedAt), language)}</time>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
