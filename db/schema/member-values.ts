// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.
export const MEMBER_ROLES = ["member", "coordinator", "admin"] as const;
export const MEMBER_STATUSES = ["pending", "approved", "rejected", "erased"] as const;
export const MEMBER_LANGUAGES = ["nb", "en"] as const;
