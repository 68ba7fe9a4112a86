import { data, type AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (express req.ip, honouring TRUST_PROXY). */
    clientAddress?: string;
    /** The signed-in member, looked up once per HTTP request by whichever loader asks first. */
    viewer?: Promise<unknown>;
  }
}

export function notFound(): never {
  throw data(null, { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw data(null, { status: 403, statusText: "Forbidden" });
}

/** Only a path on this site: never an absolute or protocol-relative URL (an open redirect). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function clientAddress(context: AppLoadContext): string {
  return context.clientAddress ?? "unknown";
}

export function parseId(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
