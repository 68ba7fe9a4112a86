/** "foreslått" → "Foreslått": names written for use inside sentences (statuses, procedures), at a line's start. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase("nb") + text.slice(1);
}

const LETTERS: Record<string, string> = { æ: "ae", ø: "o", å: "a", ß: "ss" };

/** "Søknad om redusert foreldrebetaling" → "soknad-om-redusert-foreldrebetaling": a name as a path segment. */
export function slugify(name: string, max = 80): string {
  const slug = name
    .toLocaleLowerCase("nb")
    .replace(/[æøåß]/g, (c) => LETTERS[c]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug || "x";
}
