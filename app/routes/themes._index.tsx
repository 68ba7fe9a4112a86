import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { localeOf, useT } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { CountList } from "~/themes/theme-page-parts";
import { countsByTheme, themeName } from "~/themes/themes.server";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "themes.title");

/** Every theme, by name in the reader's language, with how many of each kind the viewer may see on it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [viewer, language] = await Promise.all([getViewer(request, context), languageOf(request)]);
  const rows = await countsByTheme(summarise(viewer));
  const collator = new Intl.Collator(localeOf(language));
  return {
    themes: rows
      .map((row) => ({ slug: row.slug, name: themeName(row, language), counts: row.counts }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

export default function ThemesPage() {
  const { themes } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {t("themes.title")}
      </h1>
      <p className="ds-paragraph mt-2 max-w-prose">{t("themes.lead")}</p>
      {themes.length === 0 ? (
        <p className="ds-paragraph mt-8">{t("themes.none")}</p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2">
          {themes.map((theme) => (
            <li key={theme.slug} className="ds-card min-w-0 break-words" data-variant="tinted">
              <h2 className="ds-heading" data-size="xs">
                <Link className="ds-link" to={`/themes/${encodeURIComponent(theme.slug)}`}>
                  {theme.name}
                </Link>
              </h2>
              <div className="ds-paragraph mt-2" data-size="sm">
                <CountList counts={theme.counts} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
