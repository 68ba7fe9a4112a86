// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.

/** The kinds of non-municipal party: suppliers, national bodies, clusters and regional cooperations. */
export const ORGANISATION_KINDS = ["supplier", "national_body", "cluster", "regional_cooperation"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** How far a solution has spread, as coordinators judge it; `retired` from any of them. */
export const SOLUTION_STATUSES = ["idea", "pilot", "in_use", "scaling", "national", "retired"] as const;
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number];

/** A catalogue entry is proposed by a member and accepted (or rejected, with a reason) by a coordinator. */
export const SOLUTION_REVIEWS = ["proposed", "accepted", "rejected"] as const;
export type SolutionReview = (typeof SOLUTION_REVIEWS)[number];

/** One municipality's relation to one solution. */
export const ADOPTION_STATES = ["interested", "planning", "piloting", "in_use", "discontinued"] as const;
export type AdoptionState = (typeof ADOPTION_STATES)[number];

/** The states in which a municipality may still buy: "open to joint procurement" counts only there. */
export const JOINT_PROCUREMENT_STATES: readonly AdoptionState[] = ["interested", "planning"];

/** National common components: suggestions for the solution form's tags (others may be typed). */
export const COMMON_COMPONENT_SUGGESTIONS = [
  "ID-porten",
  "Maskinporten",
  "Altinn",
  "KS Fiks",
  "SvarUt/SvarInn",
  "Digipost",
  "Helsenorge",
  "Kontakt- og reservasjonsregisteret",
] as const;

/** Archive systems a solution may deliver into: suggestions, as above. */
export const ARCHIVE_SYSTEM_SUGGESTIONS = ["Elements", "Acos WebSak", "Public 360", "ePhorte", "Gecko", "P360"] as const;

export const ORGANISATION_NAME_MAX = 120;
export const ORGANISATION_DESCRIPTION_MAX = 2000;
export const SOLUTION_NAME_MAX = 120;
export const SOLUTION_SUMMARY_MAX = 300;
export const SOLUTION_DESCRIPTION_MAX_BYTES = 100 * 1024;
export const SOLUTION_TAGS_MAX = 15;
export const SOLUTION_TAG_MAX = 60;
export const SOLUTION_SUPPLIERS_MAX = 10;
export const SOLUTION_LICENCE_MAX = 80;
export const URL_MAX = 500;
export const STATUS_NOTE_MAX = 1000;
export const ADOPTION_NOTE_MAX = 1000;
/** An adoption not confirmed for this long shows as possibly stale, and its recorder is reminded. */
export const ADOPTION_STALE_DAYS = 365;
