import { renderToStaticMarkup } from "react-dom/server";
import { translator, type Language } from "~/i18n/i18n";
import { statusTexts, type StatusReason } from "./status-texts";

/**
 * A whole error page rendered without the router, for answers given before Remix runs: 503 while
 * the database is away, 400 for a URL the server cannot even decode, and the request gate's refusals
 * (405, 413, 415, a cross-site form, a NUL byte in a field).
 */
export function renderStatusPage(
  status: number,
  language: Language,
  stylesheet: string,
  reason?: StatusReason,
  /** The request id, shown on a 5xx page as "Reference: <id>". */
  reference?: string,
): string {
  const t = translator(language);
  const [title, body] = statusTexts(status, reason);
  return (
    "<!DOCTYPE html>" +
    renderToStaticMarkup(
      <html lang={language} data-color-scheme="light">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${t(title)} – ${t("app.name")}`}</title>
          <link rel="stylesheet" href={stylesheet} />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        </head>
        <body>
          <main id="main" className="mx-auto max-w-prose px-4 py-12">
            <p className="text-2xl font-semibold">{t("app.name")}</p>
            <h1 className="ds-heading mt-8" data-size="lg">
              {t(title)}
            </h1>
            <p className="ds-paragraph mt-4">{t(body)}</p>
            <p className="ds-paragraph mt-2" data-size="sm">
              {t("error.status", { status })}
            </p>
            {status >= 500 && reference && (
              <p className="ds-paragraph mt-1" data-size="sm">
                {t("error.reference", { id: reference })}
              </p>
            )}
            <p className="mt-6">
              <a className="ds-link" href="/">
                {t("error.home")}
              </a>
            </p>
          </main>
        </body>
      </html>,
    )
  );
}
