import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT, type MessageKey } from "~/i18n/i18n";
import { RequestReference } from "./request-reference";
import { statusTexts } from "./status-texts";

export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

export function errorTitle(error: unknown): MessageKey {
  return statusTexts(errorStatus(error))[0];
}

/** What every route shows when its loader, action or page fails: inside the frame, in the page's language. */
export function ErrorPage() {
  const t = useT();
  const error = useRouteError();
  const status = errorStatus(error);
  const [title, body] = statusTexts(status);
  return (
    <div className="max-w-prose py-8">
      <h1 className="ds-heading" data-size="lg">
        {t(title)}
      </h1>
      <p className="ds-paragraph mt-4">{t(body)}</p>
      <p className="ds-paragraph mt-2 text-[var(--ds-color-neutral-text-subtle)]" data-size="sm">
        {t("error.status", { status })}
      </p>
      {status >= 500 && <RequestReference className="ds-paragraph mt-1 text-[var(--ds-color-neutral-text-subtle)]" />}
      <p className="mt-6">
        <Link className="ds-link" to="/">
          {t("error.home")}
        </Link>
      </p>
    </div>
  );
}

/** Each route module re-exports this, so an error replaces only the page's content, never the frame. */
export function ErrorBoundary() {
  return <ErrorPage />;
}
