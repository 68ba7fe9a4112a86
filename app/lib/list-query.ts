/** The value when it is one of `values`, else undefined: an unknown query value reads as "all". */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

/** What a theme or place filter may be: the themes table's slugs and the register's counties and municipalities. */
export interface KnownPlaces {
  themeSlugs: ReadonlySet<string>;
  countyNumbers: ReadonlySet<string>;
  /** Municipality number → its county's number. */
  countyOf: ReadonlyMap<string, string>;
}

/**
 * A list's theme, county and municipality filters from its query string. A value nobody knows is ignored,
 * never an error, so an old or hand-edited link still shows a list. A municipality outside the chosen
 * county is dropped: the county was changed after the municipality was picked.
 */
export function readThemeAndPlace(
  params: URLSearchParams,
  known: KnownPlaces,
): { themeSlug?: string; countyNumber?: string; municipalityNumber?: string } {
  const get = (name: string) => params.get(name)?.trim() ?? null;
  const theme = get("theme");
  const county = get("county");
  const municipality = get("municipality");
  const countyNumber = county && known.countyNumbers.has(county) ? county : undefined;
  const municipalityCounty = municipality ? known.countyOf.get(municipality) : undefined;
  const filters: { themeSlug?: string; countyNumber?: string; municipalityNumber?: string } = {};
  if (theme && known.themeSlugs.has(theme)) filters.themeSlug = theme;
  if (countyNumber) filters.countyNumber = countyNumber;
  if (municipalityCounty && (!countyNumber || countyNumber === municipalityCounty)) filters.municipalityNumber = municipality!;
  return filters;
}
