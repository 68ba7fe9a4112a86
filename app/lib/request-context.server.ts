import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";

/** What the server knows about the request being answered, wherever in its async work the code runs. */
export interface RequestContext {
  /** The request id: on every log line, in the X-Request-Id header and on the 500 and 503 pages. */
  id: string;
  /** Set when a database connection broke under this request (the server then probes, and may retry). */
  connectionError?: boolean;
}

// One store for both bundles (the server's and the app's) and across the dev server's module reloads.
const key = Symbol.for("kommuneforum.requestContext");
const globalStore = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<RequestContext> };
const store: AsyncLocalStorage<RequestContext> = (globalStore[key] ??= new AsyncLocalStorage<RequestContext>());

// A load balancer's id is kept when it cannot smuggle anything into a log line or a header.
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A new request id, or the one a trusted proxy gave (X-Request-Id) when it has a safe form. */
export function requestIdFor(given: string | undefined, trustGiven: boolean): string {
  if (trustGiven && given && SAFE_ID.test(given)) return given;
  return randomBytes(8).toString("hex");
}

export function runInRequestContext<T>(context: RequestContext, run: () => T): T {
  return store.run(context, run);
}

export function requestContext(): RequestContext | undefined {
  return store.getStore();
}
