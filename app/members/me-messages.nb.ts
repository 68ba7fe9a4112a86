export const nb = {
} as const;
