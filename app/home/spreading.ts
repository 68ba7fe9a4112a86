/** The window "spreading fastest" counts over, in months: the page says so. */
export const SPREADING_MONTHS = 12;

/** The same day `months` earlier (29 February falls back to 1 March), as YYYY-MM-DD. */
export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1 - months, date)).toISOString().slice(0, 10);
}
