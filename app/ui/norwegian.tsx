import type { ReactNode } from "react";
import { useLanguage } from "~/i18n/i18n";

/** The `lang` of what members write, which is Norwegian: needed only when the interface is not. */
export function useContentLang(): "nb" | undefined {
  return useLanguage() === "nb" ? undefined : "nb";
}

/** Norwegian words (a title, a place name) inside the interface, read out and hyphenated as Norwegian. */
export function Norwegian({ children }: { children: ReactNode }) {
  const lang = useContentLang();
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}
