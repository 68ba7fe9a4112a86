import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "../styles/app.css?url";
import { useLanguage } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { ErrorPage, errorTitle } from "~/ui/error-page";
import { pageTitle } from "~/ui/meta";
import { PageShell } from "~/ui/page-shell";
import { useScriptNonce } from "~/ui/script-nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches, error }) =>
  pageTitle(matches, error ? errorTitle(error) : "app.name");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [language, viewer] = await Promise.all([languageOf(request), getViewer(request, context)]);
  return { language, viewer: summarise(viewer), unreadNotifications: viewer?.unreadNotifications ?? 0 };
}

export function Layout({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const nonce = useScriptNonce();
  return (
    <html lang={language} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Before any module: zod probes `new Function` (caught, but a policy violation) unless jitless. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }} />
      </head>
      <body>
        <PageShell>{children}</PageShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
