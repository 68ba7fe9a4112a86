export const nb = {
  "comments.heading": "Kommentarer",
} as const;
