// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.

export const EXPERIENCE_VISIBILITIES = ["public", "members"] as const;
export type ExperienceVisibility = (typeof EXPERIENCE_VISIBILITIES)[number];

/** A write-up is written as a draft (seen by its authors and coordinators) and published once. */
export const EXPERIENCE_STATUSES = ["draft", "published"] as const;
export type ExperienceStatus = (typeof EXPERIENCE_STATUSES)[number];

/** How a procurement was run: the fact box's procedure, and a list filter. */
export const PROCUREMENT_PROCEDURES = [
  "open_tender",
  "competitive_dialogue",
  "framework_agreement",
  "dynamic_purchasing_system",
  "joint_procurement",
  "direct_award",
] as const;
export type ProcurementProcedure = (typeof PROCUREMENT_PROCEDURES)[number];

/** Contract value in bands (NOK, excluding VAT): the figure itself is often confidential. */
export const CONTRACT_VALUE_BANDS = ["under_100k", "100k_1m", "1m_5m", "5m_20m", "20m_100m", "over_100m"] as const;
export type ContractValueBand = (typeof CONTRACT_VALUE_BANDS)[number];

export const EXPERIENCE_TITLE_MAX = 160;
export const EXPERIENCE_SUMMARY_MAX = 300;
/** The body's limit in bytes of UTF-8 (200 KB): the form states it, the server refuses more. */
export const EXPERIENCE_BODY_MAX_BYTES = 200 * 1024;
export const EXPERIENCE_MUNICIPALITIES_MAX = 20;
export const EXPERIENCE_CO_AUTHORS_MAX = 10;
export const PROCUREMENT_SUPPLIERS_MAX = 10;
export const PROCUREMENT_SUPPLIER_MAX = 120;
export const PROCUREMENT_LESSONS_MAX = 4000;
