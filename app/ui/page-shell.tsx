import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { can } from "~/members/rights";
import { useViewer } from "~/members/use-viewer";

const NAVIGATION: { to: string; label: MessageKey }[] = [
  { to: "/forum-sessions", label: "nav.forumSessions" },
  { to: "/topics", label: "nav.topics" },
  { to: "/experiences", label: "nav.experiences" },
  { to: "/solutions", label: "nav.solutions" },
  { to: "/themes", label: "nav.themes" },
  { to: "/municipalities", label: "nav.municipalities" },
];

export function PageShell({ children }: { children: ReactNode }) {
  const t = useT();
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  // A client-side navigation keeps the header: fold the phone's menu away once its link has been followed.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <div className="flex min-h-screen flex-col">
      <a className="ds-skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="relative border-b border-[var(--ds-color-neutral-border-subtle)] bg-[var(--ds-color-neutral-background-default)]">
        {/* On phones the account links take a line of their own and the menu folds away behind "Meny". */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-1.5 sm:gap-y-2 sm:px-6 sm:py-4">
          <Link to="/" className="app-logo mr-auto">
            <span className="text-xl font-semibold sm:text-2xl">{t("app.name")}</span>
            <span className="hidden text-sm text-[var(--ds-color-neutral-text-subtle)] sm:block">{t("app.tagline")}</span>
          </Link>
          {pathname === "/search" ? null : <HeaderSearch />}
          <div className="order-last w-full sm:order-none sm:w-auto">
            <AccountLinks />
          </div>
          <div className="flex items-center gap-2">
            <LanguageSwitch />
            <details ref={menu} className="main-menu sm:hidden">
              <summary className="ds-button" data-variant="secondary" data-size="sm">
                {t("shell.menu")}
              </summary>
              <MainNavigation className="absolute inset-x-0 top-full z-10 border-b border-[var(--ds-color-neutral-border-subtle)] bg-[var(--ds-color-neutral-background-default)] px-4 pb-2 shadow-md" />
            </details>
          </div>
        </div>
        <MainNavigation className="mx-auto hidden max-w-6xl px-4 sm:block sm:px-6" horizontal />
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

/** The search box on every page but the search page itself (which has its own, with the filters). */
function HeaderSearch() {
  const t = useT();
  return (
    <Form method="get" action="/search" role="search" aria-label={t("search.header.label")} className="order-last flex w-full min-w-0 gap-2 sm:order-none sm:w-auto">
      <label htmlFor="header-search" className="sr-only">
        {t("search.header.label")}
      </label>
      <input
        id="header-search"
        name="q"
        type="search"
        className="ds-input min-w-0 flex-1 sm:w-48 lg:w-64"
        data-size="sm"
        placeholder={t("search.header.placeholder")}
        maxLength={400}
      />
      <button type="submit" className="ds-button" data-variant="secondary" data-size="sm">
        {t("search.header.submit")}
      </button>
    </Form>
  );
}

/** The menu, once in the header for wide screens and once inside the phone's disclosure. */
function MainNavigation({ className, horizontal = false }: { className: string; horizontal?: boolean }) {
  const t = useT();
  return (
    <nav aria-label={t("shell.mainNavigation")} className={className}>
      <ul className={horizontal ? "flex flex-wrap gap-x-6 gap-y-1 pb-3" : "flex flex-col"}>
        {NAVIGATION.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="main-nav-link" prefetch="intent">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
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
      <nav aria-label={t("shell.account")} className="flex gap-x-4 text-sm sm:text-base">
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
    <nav aria-label={t("shell.account")} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm sm:gap-x-4 sm:text-base">
      {can(viewer, "coordinate") ? (
        <Link className="ds-link" to="/admin/members">
          {t("shell.approvals")}
        </Link>
      ) : null}
      {can(viewer, "administer") ? (
        <Link className="ds-link" to="/admin/audit">
          {t("shell.audit")}
        </Link>
      ) : null}
      <NotificationsLink />
      <Link className="ds-link" to="/me">
        {t("shell.profile")} <span className="sr-only">({viewer.name})</span>
      </Link>
      <Form method="post" action="/sign-out">
        <button type="submit" className="ds-button account-sign-out" data-variant="secondary" data-size="sm">
          {t("shell.signOut")}
        </button>
      </Form>
    </nav>
  );
}

/** Shows "Varsler (3)", named "Varsler, 3 uleste" as one phrase, so a screen reader reads it once. */
function NotificationsLink() {
  const t = useT();
  const unread = useRouteLoaderData<{ unreadNotifications?: number }>("root")?.unreadNotifications ?? 0;
  if (unread === 0) {
    return (
      <Link className="ds-link" to="/notifications">
        {t("notifications.link")}
      </Link>
    );
  }
  return (
    <Link className="ds-link" to="/notifications" aria-label={t("notifications.linkWithUnread", { count: unread })}>
      {t("notifications.link")} <span aria-hidden="true">({unread})</span>
    </Link>
  );
}

function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const other = language === "nb" ? "en" : "nb";
  // A whole new document: the browser holds only the current language's messages (app/catalogues/).
  return (
    <Form method="post" action="/language" reloadDocument className="flex items-center gap-2">
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
