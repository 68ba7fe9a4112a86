/** "foreslått" → "Foreslått": names written for use inside sentences (statuses, procedures), at a line's start. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase("nb") + text.slice(1);
}
