// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.
export const FORUM_SESSION_STATUSES = ["draft", "planned", "held", "cancelled"] as const;
export const SUMMARY_STATUSES = ["draft", "published"] as const;

/** The themes every forum starts with (DESIGN.md); coordinators may add more. */
export const DEFAULT_THEMES = [
  { slug: "implementation", nameNb: "Implementering", nameEn: "Implementation" },
  { slug: "procurement", nameNb: "Anskaffelser", nameEn: "Procurement" },
  { slug: "prevention", nameNb: "Forebygging", nameEn: "Prevention" },
  { slug: "preparedness", nameNb: "Beredskap", nameEn: "Preparedness" },
  { slug: "competence", nameNb: "Kompetanse", nameEn: "Competence" },
  { slug: "leadership", nameNb: "Ledelse", nameEn: "Leadership" },
  { slug: "collaboration", nameNb: "Samarbeid", nameEn: "Collaboration" },
] as const;
