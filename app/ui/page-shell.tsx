import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { can } from "~/members/rights";
import { useViewer } from "~/members/use-viewer";

const NAVIGATION: { to: string; label: MessageKey }[] = [
  { to: "/forum-sessions", label: "nav.forumSessions" },
  { to: "/topics", label: "nav.topics" },
  { to: "/experiences", label: "nav.experiences" },
  { to: "/solutions", label: "nav.solutions" },
  { to: "/municipalities", label: "nav.municipalities" },
];

export function PageShell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-screen flex-col">
      <a className="ds-skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="border-b border-[var(--ds-color-neutral-border-subtle)] bg-[var(--ds-color-neutral-background-default)]">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <Link to="/" className="app-logo">
            <span className="text-2xl font-semibold">{t("app.name")}</span>
            <span className="block text-sm text-[var(--ds-color-neutral-text-subtle)]">{t("app.tagline")}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <AccountLinks />
            <LanguageSwitch />
          </div>
        </div>
        <nav aria-label={t("shell.mainNavigation")} className="mx-auto max-w-6xl px-4 sm:px-6">
          <ul className="flex flex-wrap gap-x-6 gap-y-1 pb-3">
            {NAVIGATION.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="main-nav-link" prefetch="intent">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <footer className="border-t border-[var(--ds-color-neutral-border-subtle)] bg-[var(--ds-color-neutral-background-tinted)]">
        <div className="mx-auto max-w-6xl space-y-2 px-4 py-8 text-sm sm:px-6">
          <p className="ds-paragraph" data-size="sm">
            {t("shell.footer.about")}
          </p>
          <p className="ds-paragraph" data-size="sm">
            {t("shell.footer.data")}
          </p>
        </div>
      </footer>
    </div>
  );
}

function AccountLinks() {
  const t = useT();
  const viewer = useViewer();
  const location = useLocation();
  if (!viewer) {
    // Signing in returns to this page; the account pages themselves have nothing to return to.
    const here = `${location.pathname}${location.search}`;
    const accountPage = here === "/" || /^\/(sign-in|sign-up|forgot-password|reset-password)\b/.test(location.pathname);
    const signIn = accountPage ? "/sign-in" : `/sign-in?redirectTo=${encodeURIComponent(here)}`;
    return (
      <nav aria-label={t("shell.account")} className="flex gap-4">
        <Link className="ds-link" to={signIn}>
          {t("shell.signIn")}
        </Link>
        <Link className="ds-link" to="/sign-up">
          {t("shell.signUp")}
        </Link>
      </nav>
    );
  }
  return (
    <nav aria-label={t("shell.account")} className="flex flex-wrap items-center gap-4">
      {can(viewer, "coordinate") ? (
        <Link className="ds-link" to="/admin/members">
          {t("shell.approvals")}
        </Link>
      ) : null}
      <NotificationsLink />
      <Link className="ds-link" to="/me">
        {t("shell.profile")} <span className="sr-only">({viewer.name})</span>
      </Link>
      <Form method="post" action="/sign-out">
        <button type="submit" className="ds-button" data-variant="secondary" data-size="sm">
          {t("shell.signOut")}
        </button>
      </Form>
    </nav>
  );
}

/** Shows "Varsler (3)", read out as "Varsler (3 uleste)". */
function NotificationsLink() {
  const t = useT();
  const unread = useRouteLoaderData<{ unreadNotifications?: number }>("root")?.unreadNotifications ?? 0;
  return (
    <Link className="ds-link" to="/notifications">
      {t("notifications.link")}
      {unread > 0 ? (
        <>
          {" "}
          <span aria-hidden="true">({unread})</span>
          <span className="sr-only">
            ({unread} {t(unread === 1 ? "notifications.linkUnreadOne" : "notifications.linkUnreadMany")})
          </span>
        </>
      ) : null}
    </Link>
  );
}

function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const other = language === "nb" ? "en" : "nb";
  return (
    <Form method="post" action="/language" className="flex items-center gap-2">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        name="language"
        value={other}
        lang={other}
        className="ds-button"
        data-variant="tertiary"
        data-size="sm"
        aria-label={t("shell.switchToLabel")}
      >
        {t("shell.switchTo")}
      </button>
    </Form>
  );
}
