import { Link } from "@remix-run/react";
import type { SolutionStatus } from "../../db/schema/solution-values";
import { useT } from "~/i18n/i18n";
import { Norwegian } from "~/ui/norwegian";

export interface LinkedSolution {
  slug: string;
  name: string;
  status: SolutionStatus;
}

/** "Solutions in the catalogue": the entries a write-up tells of, each with its scaling status. */
export function SolutionLinks({ solutions }: { solutions: readonly LinkedSolution[] }) {
  const t = useT();
  if (solutions.length === 0) return null;
  return (
    <section className="mt-8 max-w-3xl" aria-labelledby="linked-solutions">
      <h2 id="linked-solutions" className="ds-heading" data-size="xs">
        {t("solutionLinks.heading")}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {solutions.map((solution) => (
          <li key={solution.slug} className="break-words">
            <Link className="ds-link" to={`/solutions/${solution.slug}`}>
              <Norwegian>{solution.name}</Norwegian>
            </Link>{" "}
            ({t(`solutions.status.${solution.status}`)})
          </li>
        ))}
      </ul>
    </section>
  );
}
