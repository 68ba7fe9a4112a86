import { organisationMunicipalities, organisations, type OrganisationKind } from "../../db/schema";
import { db } from "~/db.server";
import { slugify } from "~/lib/text";
import { proposeSolution, reviewSolution, type SolutionInput } from "~/solutions/solutions.server";
import type { ViewerSummary } from "~/members/rights";

let sequence = 0;

/** An organisation in the real database; a regional cooperation with the given member municipalities. */
export async function createOrganisation(kind: OrganisationKind = "supplier", overrides: { name?: string; municipalities?: string[] } = {}) {
  sequence++;
  const name = overrides.name ?? `Organisasjon ${process.pid}-${sequence}`;
  const [organisation] = await db()
    .insert(organisations)
    .values({ name, slug: slugify(name), kind, description: "" })
    .returning();
  const numbers = overrides.municipalities ?? [];
  if (numbers.length > 0) await db().insert(organisationMunicipalities).values(numbers.map((municipalityNumber) => ({ organisationId: organisation!.id, municipalityNumber })));
  return organisation!;
}

/** What a solution form would give: owned by Bodø unless told. */
export function solutionInput(overrides: Partial<SolutionInput> = {}): SolutionInput {
  sequence++;
  return {
    name: `Løsning ${process.pid}-${sequence}: digital søknad`,
    summary: "En løsning flere kommuner kan bruke.",
    description: "Bygget på **felleskomponenter**.",
    owner: { municipalityNumber: "1804" },
    supplierIds: [],
    components: ["ID-porten", "KS Fiks"],
    archiveSystems: ["Elements"],
    websiteUrl: "https://example.no/losning",
    sourceUrl: null,
    documentationUrl: null,
    licence: "MIT",
    openSource: true,
    contactMemberId: null,
    themeIds: [],
    ...overrides,
  };
}

/**
 * A solution proposed by `proposer` and, unless `status` is null, accepted by `coordinator` with that
 * scaling status (pilot unless told).
 */
export async function createSolution(
  proposer: ViewerSummary,
  coordinator: ViewerSummary,
  overrides: Partial<SolutionInput> & { status?: "idea" | "pilot" | "in_use" | "scaling" | "national" | "retired" | null } = {},
) {
  const { status = "pilot", ...input } = overrides;
  const proposed = await proposeSolution(proposer, solutionInput(input));
  if (!proposed.ok) throw new Error(`could not propose: ${proposed.reason}`);
  if (status === null) return proposed.solution;
  const reviewed = await reviewSolution(coordinator, proposed.solution.id, { decision: "accept", status, note: "Godtatt i katalogen." });
  if (!reviewed.ok) throw new Error(`could not accept: ${reviewed.reason}`);
  return reviewed.solution;
}
