/**
 * How much of each list "My page" shows. A member who has more is sent to a filtered list where one
 * exists (topics, the municipality's solutions); a busy member's page (long titles in every list) stays under 50 KB.
 */
export const MY_PAGE_SHOWN = {
  upcoming: 5,
  past: 3,
  proposed: 6,
  supported: 6,
  experiences: 8,
  follows: 10,
  solutions: 8,
} as const;
