import { renderToStaticMarkup } from "react-dom/server";
import { translator, type Language } from "~/i18n/i18n";

/**
 * The 503 page, rendered without the router: it is served while the database is away, when no
 * loader can run.
 */
export function renderUnavailablePage(language: Language, stylesheet: string): string {
  const t = translator(language);
  return (
    "<!DOCTYPE html>" +
    renderToStaticMarkup(
      <html lang={language} data-color-scheme="light">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${t("error.unavailable.title")} – ${t("app.name")}`}</title>
          <link rel="stylesheet" href={stylesheet} />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        </head>
        <body>
          <main id="main" className="mx-auto max-w-prose px-4 py-12">
            <p className="text-2xl font-semibold">{t("app.name")}</p>
            <h1 className="ds-heading mt-8" data-size="lg">
              {t("error.unavailable.title")}
            </h1>
            <p className="ds-paragraph mt-4">{t("error.unavailable.body")}</p>
            <p className="ds-paragraph mt-2" data-size="sm">
              {t("error.status", { status: 503 })}
            </p>
          </main>
        </body>
      </html>,
    )
  );
}
