import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { Norwegian } from "~/ui/norwegian";

/** Where a member works, linked: their municipality, their organisation, or else the cluster organisation itself. */
export function Workplace({
  municipality,
  organisation,
}: {
  municipality: { number: string; name: string } | null;
  organisation: { slug: string; name: string } | null;
}) {
  const t = useT();
  if (municipality) {
    return (
      <Link className="ds-link" to={`/municipalities/${municipality.number}`}>
        <Norwegian>{municipality.name}</Norwegian>
      </Link>
    );
  }
  if (organisation) {
    return (
      <Link className="ds-link" to={`/organisations/${organisation.slug}`}>
        <Norwegian>{organisation.name}</Norwegian>
      </Link>
    );
  }
  return <>{t("members.cluster")}</>;
}
