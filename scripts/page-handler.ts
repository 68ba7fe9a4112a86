import type { NextFunction, Request, Response as ExpressResponse } from "express";
import { DOWNLOAD_POLICY, inlineScriptHashes, isHtml, pagePolicy, withoutNonce } from "../app/lib/http-security.server";
import { sendResponse, type Render } from "./remix-adapter";
import {
  chooseEncoding,
  etagOf,
  isStorable,
  isVisitor,
  notModified,
  visitorCacheKey,
  type CachedPage,
  type VisitorCache,
} from "./visitor-cache";

interface DataVersions {
  content: number;
}

export interface PageHandlerOptions {
  render: Render;
  /** Absent when VISITOR_CACHE=off: every request renders. */
  cache?: VisitorCache;
  /** Where the server put the page's Content-Security-Policy (only reporting in dev). */
  policyHeader?: string;
  freshDataVersions: () => Promise<DataVersions>;
  languageOf: (cookie: string | null, acceptLanguage: string | null) => Promise<string>;
  /** Paths that always render, such as the health check, which must report the database itself. */
  uncached: ReadonlySet<string>;
  /** Paths that answer for the database themselves (the health check): not under the guard. */
  unguarded: ReadonlySet<string>;
  /** Runs database work under the outage rules (app/database-guard.server.ts): late or broken work is probed, maybe retried. */
  guard: <T>(attempt: () => Promise<T>, options: { retry: boolean; discard?: (value: T) => void }) => Promise<Guarded<T>>;
  /** Answers 503: the database is away or stalled. */
  unavailable: (req: Request, res: ExpressResponse) => Promise<void>;
}

type Guarded<T> = { ok: true; value: T } | { ok: false };

// Shared proxies and browsers may keep a visitor's page but must ask each time (a 304 is cheap):
// nothing downstream serves it stale.
const VISITOR_CACHE_CONTROL = "public, no-cache";
const VARY = "Cookie, Accept-Language, Accept-Encoding";

/**
 * Every page and resource route: a visitor's GET from the visitor cache while its content version is
 * current (docs/decisions/015-visitor-cache.md), else rendered by Remix. `X-Cache` says which.
 */
export function pageHandler(options: PageHandlerOptions) {
  const { render, cache } = options;
  const policyHeader = options.policyHeader ?? "Content-Security-Policy";
  return async (req: Request, res: ExpressResponse, next: NextFunction) => {
    const readable = req.method === "GET" || req.method === "HEAD";
    // Only a loader's request is tried again when a connection broke under it; an action may have written.
    const guardedRender = async (): Promise<Response | undefined> => {
      if (options.unguarded.has(req.path)) return render(req, res);
      const answer = await options.guard(() => render(req, res), {
        retry: readable,
        discard: (response) => void response.body?.cancel().catch(() => {}),
      });
      return answer.ok ? answer.value : undefined;
    };
    try {
      const visitor = isVisitor(req.get("cookie"));
      if (!cache || !visitor || !readable || options.uncached.has(req.path)) {
        const response = await guardedRender();
        if (!response) return await options.unavailable(req, res);
        res.set("X-Cache", "bypass");
        if (!isHtml(response.headers.get("Content-Type"))) res.set(policyHeader, DOWNLOAD_POLICY);
        // A page rendered for a member may show them anything personal: never kept downstream.
        if (!visitor && !response.headers.has("Cache-Control")) res.set("Cache-Control", "private, no-store");
        return await sendResponse(res, response);
      }

      const [language, versions] = await Promise.all([
        options.languageOf(req.get("cookie") ?? null, req.get("accept-language") ?? null),
        options.guard(() => options.freshDataVersions(), { retry: true }),
      ]);
      if (!versions.ok) return await options.unavailable(req, res);
      const contentVersion = versions.value.content;

      const key = visitorCacheKey(language, req.originalUrl);
      const cached = cache.get(key, contentVersion);
      if (cached) return await sendCached(req, res, cache, key, cached, "hit", policyHeader);

      res.locals.dataVersions = Promise.resolve(versions.value);
      const response = await guardedRender();
      if (!response) return await options.unavailable(req, res);
      // Only a GET is kept: a HEAD's response may carry no body.
      const html = isHtml(response.headers.get("Content-Type"));
      if (req.method !== "GET" || !isStorable(response)) {
        res.set("X-Cache", "bypass");
        if (!html) res.set(policyHeader, DOWNLOAD_POLICY);
        return await sendResponse(res, response);
      }
      let body = Buffer.from(await response.arrayBuffer());
      let contentSecurityPolicy = DOWNLOAD_POLICY;
      if (html) {
        // Sent again to others, the page cannot keep this response's nonce: its inline scripts are
        // allowed by their hashes instead (docs/decisions/016-security-headers.md).
        const text = withoutNonce(body.toString("utf8"), res.locals.scriptNonce as string);
        body = Buffer.from(text, "utf8");
        contentSecurityPolicy = pagePolicy({ hashes: inlineScriptHashes(text) });
      }
      const page: CachedPage = {
        contentVersion,
        storedAt: Date.now(),
        etag: etagOf(body),
        headers: [...response.headers.entries()].filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())),
        contentSecurityPolicy,
        body,
        encoded: {},
      };
      cache.set(key, req.path, page);
      await sendCached(req, res, cache, key, page, "miss", policyHeader);
    } catch (error) {
      next(error);
    }
  };
}

// Set by the cache for every answer it gives, whatever the route said.
const OWN_HEADERS = new Set([
  "cache-control",
  "content-encoding",
  "content-length",
  "etag",
  "vary",
  "x-cache",
  "content-security-policy",
  "content-security-policy-report-only",
]);

async function sendCached(
  req: Request,
  res: ExpressResponse,
  cache: VisitorCache,
  key: string,
  page: CachedPage,
  how: "hit" | "miss",
  policyHeader: string,
) {
  res.set({ "X-Cache": how, ETag: page.etag, "Cache-Control": VISITOR_CACHE_CONTROL, Vary: VARY });
  // On a 304 too: the browser shows its stored copy, which is this body.
  res.set(policyHeader, page.contentSecurityPolicy);
  if (notModified(req.get("if-none-match"), page.etag)) return void res.status(304).end();
  for (const [name, value] of page.headers) res.append(name, value);
  const encoding = chooseEncoding(req.get("accept-encoding"));
  const body = await cache.encode(key, page, encoding);
  if (encoding !== "identity") res.set("Content-Encoding", encoding);
  res.status(200).set("Content-Length", String(body.length));
  res.end(req.method === "HEAD" ? undefined : body);
}
