import { data, type AppLoadContext } from "@remix-run/node";
import type { DataVersions } from "./data-versions.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (express req.ip, honouring TRUST_PROXY). */
    clientAddress?: string;
    /** The signed-in member, looked up once per HTTP request by whichever loader asks first. */
    viewer?: Promise<unknown>;
    /** The data versions as of this request: read by the visitor cache, or with the viewer's session. */
    dataVersions?: Promise<DataVersions>;
    /** The nonce the server's Content-Security-Policy allows this response's inline scripts by. */
    scriptNonce?: string;
  }
}

export function notFound(): never {
  throw data(null, { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw data(null, { status: 403, statusText: "Forbidden" });
}

const OWN_ORIGIN = "http://kommuneforum.invalid";

/**
 * Only a path on this site, else the fallback. Browsers drop tabs and newlines and read "\\" as "/",
 * so "/\t/evil.example" leaves the site: such characters are refused outright, and what remains must
 * resolve to our own origin without turning into "//host". The answer is the URL's own serialisation,
 * so letters beyond Latin-1 come out percent-encoded and never break the Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== OWN_ORIGIN || path.startsWith("//")) return fallback;
  return path;
}

export function clientAddress(context: AppLoadContext): string {
  return context.clientAddress ?? "unknown";
}

export function parseId(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
