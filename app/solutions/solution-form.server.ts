import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { members, organisations, solutionSuppliers, solutionThemes, type Solution } from "../../db/schema";
import { SOLUTION_DESCRIPTION_MAX_BYTES, SOLUTION_SUPPLIERS_MAX, type OrganisationKind } from "../../db/schema/solution-values";
import {
  ARCHIVE_SUGGESTIONS,
  checkLink,
  COMPONENT_SUGGESTIONS,
  EMPTY_SOLUTION_FORM,
  lineBreaks,
  OWNER_TYPES,
  readTags,
  SOLUTION_LINK_FIELDS,
  solutionForm,
  splitStoredTags,
  utf8Bytes,
  type SolutionFormValues,
} from "./solution-forms";
import { mayEditSolution, mayReadSolution, renderSolutionDescription, getSolutionBySlug, type SolutionInput } from "./solutions.server";
import { db } from "~/db.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { requireSignedIn, summarise } from "~/members/permissions.server";
import type { ViewerSummary } from "~/members/rights";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { municipalityFinder } from "~/municipalities/municipality-finder";
import type { BaseData } from "~/base-data.server";

export interface OrganisationOption {
  id: number;
  name: string;
  kind: OrganisationKind;
}

/**
 * What the proposal/edit form offers and is checked against: themes, the register's municipalities
 * ("1804 Bodø"), and the organisations (owners among all of them, suppliers among the suppliers).
 */
export async function solutionFormChoices(base: Promise<BaseData>) {
  const [{ themes, municipalityOptions }, organisationRows] = await Promise.all([
    base,
    db().select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations),
  ]);
  const collator = new Intl.Collator("nb");
  const organisationOptions: OrganisationOption[] = organisationRows.sort((a, b) => collator.compare(a.name, b.name));
  return {
    themes: themes.map(({ id, nameNb, nameEn }) => ({ id, nameNb, nameEn })),
    municipalityOptions,
    organisations: organisationOptions,
  };
}

export type SolutionFormChoices = Awaited<ReturnType<typeof solutionFormChoices>>;

const textOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** Ids ticked in a list of checkboxes; `false` when one is no id of the list offered. */
function tickedIds(formData: FormData, name: string, known: readonly number[]): number[] | false {
  const ticked = formData.getAll(name).map(textOf);
  const ids = [...new Set(ticked.filter((v) => /^\d{1,9}$/.test(v)).map(Number))];
  if (ids.length < new Set(ticked).size || ids.some((id) => !known.includes(id))) return false;
  return ids;
}

/** An approved member by email address (letter case aside), or undefined. */
async function approvedMemberByEmail(email: string) {
  const [member] = await db()
    .select({ id: members.id })
    .from(members)
    .where(and(sql`lower(${members.email}) = lower(${email})`, eq(members.status, "approved")));
  return member;
}

/**
 * The proposal/edit form, checked against the register and the database: the SolutionInput for
 * proposeSolution/updateSolution, or message keys beside each field. What was typed always comes back,
 * with the version the editor opened, so a refused form shows again as it was.
 */
export async function readSolutionForm(formData: FormData, choices: SolutionFormChoices) {
  const form = parseForm(formData, solutionForm);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const raw = (name: string) => textOf(formData.get(name));

  const themeIds = tickedIds(formData, "theme", choices.themes.map((theme) => theme.id));
  if (themeIds === false) errors.themes = ["solutions.form.unknownTheme"];
  const supplierIds = tickedIds(
    formData,
    "supplier",
    choices.organisations.filter((o) => o.kind === "supplier").map((o) => o.id),
  );
  if (supplierIds === false) errors.suppliers = ["solutions.form.unknownSupplier"];
  else if (supplierIds.length > SOLUTION_SUPPLIERS_MAX) errors.suppliers = ["solutions.form.tooManySuppliers"];

  const tickedComponents = formData.getAll("component").map(textOf);
  const tickedArchives = formData.getAll("archiveSystem").map(textOf);
  const ownerType = OWNER_TYPES.find((type) => type === raw("ownerType")) ?? "municipality";
  const opened = form.ok ? form.value.version : undefined;
  const values: SolutionFormValues = {
    name: raw("name").slice(0, 1000),
    summary: lineBreaks(raw("summary")).slice(0, 5000),
    description: lineBreaks(raw("description")),
    ownerType,
    ownerMunicipality: raw("ownerMunicipality").slice(0, 200),
    ownerOrganisation: raw("ownerOrganisation").slice(0, 20),
    supplierIds: supplierIds || [],
    components: tickedComponents.filter((tag) => COMPONENT_SUGGESTIONS.includes(tag)),
    otherComponents: raw("otherComponents").slice(0, 5000),
    archiveSystems: tickedArchives.filter((tag) => ARCHIVE_SUGGESTIONS.includes(tag)),
    otherArchiveSystems: raw("otherArchiveSystems").slice(0, 5000),
    websiteUrl: raw("websiteUrl").slice(0, 1000),
    sourceUrl: raw("sourceUrl").slice(0, 1000),
    documentationUrl: raw("documentationUrl").slice(0, 1000),
    licence: raw("licence").slice(0, 1000),
    openSource: raw("openSource") === "yes",
    contactEmail: raw("contactEmail").slice(0, 1000),
    themeIds: themeIds || [],
    ...(opened !== undefined ? { version: opened } : {}),
  };
  // A bad version is no field's fault: the form as a whole says so.
  if (errors.version) {
    errors.form = ["error.badRequest.body"];
    delete errors.version;
  }

  let owner: SolutionInput["owner"] | undefined;
  if (!errors.ownerType) {
    if (ownerType === "municipality") {
      const typed = values.ownerMunicipality.trim();
      const found = typed === "" ? undefined : municipalityFinder(choices.municipalityOptions.map((o) => ({ number: o.slice(0, 4), name: o.slice(5) })))(typed);
      if (!found) errors.ownerMunicipality ??= ["solutions.form.ownerMunicipalityRequired"];
      else if (!found.ok) errors.ownerMunicipality ??= [found.reason === "ambiguous" ? "solutions.form.ambiguousMunicipality" : "solutions.form.unknownMunicipality"];
      else owner = { municipalityNumber: found.number };
    } else {
      const id = /^\d{1,9}$/.test(values.ownerOrganisation) ? Number(values.ownerOrganisation) : undefined;
      if (values.ownerOrganisation === "") errors.ownerOrganisation = ["solutions.form.ownerOrganisationRequired"];
      else if (id === undefined || !choices.organisations.some((o) => o.id === id)) errors.ownerOrganisation = ["solutions.form.unknownOrganisation"];
      else owner = { organisationId: id };
    }
  }

  const components = readTags(tickedComponents, values.otherComponents, COMPONENT_SUGGESTIONS);
  if (!components.ok) errors.otherComponents ??= [components.error];
  const archiveSystems = readTags(tickedArchives, values.otherArchiveSystems, ARCHIVE_SUGGESTIONS);
  if (!archiveSystems.ok) errors.otherArchiveSystems ??= [archiveSystems.error];

  const links = Object.fromEntries(
    SOLUTION_LINK_FIELDS.map((field) => {
      const checked = checkLink(values[field]);
      if (!checked.ok) errors[field] = [checked.error];
      return [field, checked.ok ? checked.url : null];
    }),
  ) as Record<(typeof SOLUTION_LINK_FIELDS)[number], string | null>;

  let contactMemberId: number | null = null;
  // Looked up even when other fields are wrong, so that every message shows at once.
  const contactEmail = values.contactEmail.trim();
  if (!errors.contactEmail && contactEmail !== "") {
    const contact = await approvedMemberByEmail(contactEmail);
    if (contact) contactMemberId = contact.id;
    else errors.contactEmail = ["solutions.form.unknownContact"];
  }

  const intent = form.ok ? form.value.intent : solutionForm.shape.intent.parse(formData.get("intent"));
  if (!form.ok || !owner || !components.ok || !archiveSystems.ok || Object.keys(errors).length > 0) {
    return { ok: false as const, intent, errors, values };
  }
  const input: SolutionInput = {
    name: form.value.name,
    summary: form.value.summary,
    description: form.value.description,
    owner,
    supplierIds: values.supplierIds,
    components: components.tags,
    archiveSystems: archiveSystems.tags,
    ...links,
    licence: form.value.licence || null,
    openSource: values.openSource,
    contactMemberId,
    themeIds: values.themeIds,
  };
  return { ok: true as const, intent, input, version: form.value.version, values };
}

/** An entry as its edit form shows it, on the version stored now. */
export async function solutionFormValuesOf(solution: Solution): Promise<SolutionFormValues> {
  const [suppliers, themeRows, contact] = await Promise.all([
    db().select({ id: solutionSuppliers.organisationId }).from(solutionSuppliers).where(eq(solutionSuppliers.solutionId, solution.id)),
    db().select({ id: solutionThemes.themeId }).from(solutionThemes).where(eq(solutionThemes.solutionId, solution.id)),
    solution.contactMemberId
      ? db().select({ email: members.email }).from(members).where(eq(members.id, solution.contactMemberId)).then((rows) => rows[0])
      : undefined,
  ]);
  const owner = solution.ownerMunicipalityNumber;
  const ownerName = owner ? `${owner} ${(await getMunicipality(owner))?.name ?? ""}`.trim() : "";
  const components = splitStoredTags(solution.components, COMPONENT_SUGGESTIONS);
  const archives = splitStoredTags(solution.archiveSystems, ARCHIVE_SUGGESTIONS);
  return {
    ...EMPTY_SOLUTION_FORM,
    name: solution.name,
    summary: solution.summary,
    description: solution.descriptionMd,
    ownerType: owner ? "municipality" : "organisation",
    ownerMunicipality: ownerName,
    ownerOrganisation: solution.ownerOrganisationId ? String(solution.ownerOrganisationId) : "",
    supplierIds: suppliers.map((row) => row.id).sort((a, b) => a - b),
    components: components.ticked,
    otherComponents: components.others,
    archiveSystems: archives.ticked,
    otherArchiveSystems: archives.others,
    websiteUrl: solution.websiteUrl ?? "",
    sourceUrl: solution.sourceUrl ?? "",
    documentationUrl: solution.documentationUrl ?? "",
    licence: solution.licence ?? "",
    openSource: solution.openSource,
    contactEmail: contact?.email ?? "",
    themeIds: themeRows.map((row) => row.id).sort((a, b) => a - b),
    version: solution.version,
  };
}

/**
 * The entry an edit page is about, for a viewer who may edit it: anonymous readers are sent to sign in (a
 * write is 403); an unknown slug, or an entry the viewer may not even read (someone else's proposal), is
 * 404; one they may read but not edit (an accepted entry for its proposer, a pending proposer) is 403.
 */
export async function loadSolutionForEditor(request: Request, context: AppLoadContext, slug: string | undefined) {
  const viewer = await requireSignedIn(request, context);
  const solution = slug && slug.length <= 200 ? await getSolutionBySlug(slug) : undefined;
  if (!solution) notFound();
  const editor = summarise(viewer)!;
  if (!mayEditSolution(editor, solution)) {
    if (!mayReadSolution(editor, solution)) notFound();
    forbidden();
  }
  return { viewer, editor, solution };
}

/** The description rendered as the entry's page will show it, or nothing when it is too long to save. */
export function previewDescription(markdown: string): string | undefined {
  return utf8Bytes(markdown) <= SOLUTION_DESCRIPTION_MAX_BYTES ? renderSolutionDescription(markdown) : undefined;
}

/**
 * The entry a refused name belongs to, as the form links it. Someone else's proposal is not for a
 * member's eyes: the name is taken, but the entry is neither named nor linked.
 */
export async function duplicateEntry(existing: { slug: string }, viewer: ViewerSummary) {
  const found = await getSolutionBySlug(existing.slug);
  return found && mayReadSolution(viewer, found) ? { slug: found.slug, name: found.name, visible: true } : { slug: "", name: "", visible: false };
}
