// Plain values, free of the database, so pages may import them (a field's maxLength, the edit window's hours).

export const COMMENT_MAX = 10_000;
export const COMMENTS_PER_PAGE = 30;
/** How long an author may edit their own comment. */
export const COMMENT_EDIT_HOURS = 24;
