import type { AppLoadContext } from "@remix-run/node";
import type { Organisation } from "../../db/schema";
import type { OrganisationFormValues } from "./organisation-forms";
import { getOrganisationBySlug, memberMunicipalitiesOf } from "./organisations.server";
import { notFound } from "~/lib/http.server";
import { requireCoordinator, summarise } from "~/members/permissions.server";
import type { BaseData } from "~/base-data.server";

/** The register's municipalities as "1804 Bodø" (the fields' suggestions) and as number and name (to check them). */
export async function municipalityRegister(base: Promise<BaseData>) {
  const options = (await base).municipalityOptions;
  return { options, register: options.map((option) => ({ number: option.slice(0, 4), name: option.slice(5) })) };
}

/** An organisation as its edit form shows it, on the version stored now. */
export async function organisationFormValuesOf(organisation: Organisation): Promise<OrganisationFormValues> {
  const members = await memberMunicipalitiesOf(organisation.id);
  return {
    name: organisation.name,
    kind: organisation.kind,
    description: organisation.description,
    website: organisation.website ?? "",
    municipalities: members.map((m) => `${m.number} ${m.name}`),
    version: organisation.version,
  };
}

/**
 * The organisation an edit page is about, for a coordinator: anonymous readers are sent to sign in (a write
 * is 403), other members get 403, an unknown slug 404.
 */
export async function loadOrganisationForEditor(request: Request, context: AppLoadContext, slug: string | undefined) {
  const viewer = await requireCoordinator(request, context);
  const organisation = slug ? await getOrganisationBySlug(slug) : undefined;
  if (!organisation) notFound();
  return { coordinator: summarise(viewer)!, organisation };
}
