import { useLanguage } from "~/i18n/i18n";

export interface ThemeOption {
  id: number;
  nameNb: string;
  nameEn: string;
}

/** One checkbox per theme (`name="theme"`, the theme's id), named in the page's language. */
export function ThemeCheckboxes({ themes, checked }: { themes: readonly ThemeOption[]; checked: readonly number[] }) {
  const language = useLanguage();
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-2">
      {themes.map((theme) => (
        <div className="ds-field" key={theme.id}>
          <input
            id={`theme-${theme.id}`}
            className="ds-input"
            type="checkbox"
            name="theme"
            value={theme.id}
            defaultChecked={checked.includes(theme.id)}
          />
          <label className="ds-label" htmlFor={`theme-${theme.id}`}>
            {language === "nb" ? theme.nameNb : theme.nameEn}
          </label>
        </div>
      ))}
    </div>
  );
}
