import { isLanguage, registerCatalogue, type Language } from "~/i18n/i18n";

// One chunk per language: the browser fetches only the language of the page it shows.
const chunks: Record<Language, () => Promise<{ catalogue: Record<string, string> }>> = {
  nb: () => import("./nb"),
  en: () => import("./en"),
};

/** Loads and registers a language's messages before anything renders in it. */
export async function loadCatalogue(language: string | null): Promise<void> {
  const chosen: Language = isLanguage(language) ? language : "nb";
  registerCatalogue(chosen, (await chunks[chosen]()).catalogue);
}
