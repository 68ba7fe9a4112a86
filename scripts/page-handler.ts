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
  /** Answers 503 when the database could not say its version (it is away, or stalled). */
  unavailable: (req: Request, res: ExpressResponse, error: unknown) => Promise<void>;
}

// A stalled database must not hold a visitor's request: past this, the page is a 503.
const VERSION_TIMEOUT_MS = 2_000;

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
    try {
      const visitor = isVisitor(req.get("cookie"));
      const readable = req.method === "GET" || req.method === "HEAD";
      if (!cache || !visitor || !readable || options.uncached.has(req.path)) {
        const response = await render(req, res);
        res.set("X-Cache", "bypass");
        if (!isHtml(response.headers.get("Content-Type"))) res.set(policyHeader, DOWNLOAD_POLICY);
        // A page rendered for a member may show them anything personal: never kept downstream.
        if (!visitor && !response.headers.has("Cache-Control")) res.set("Cache-Control", "private, no-store");
        return await sendResponse(res, response);
      }

      const versions = withTimeout(options.freshDataVersions(), VERSION_TIMEOUT_MS);
      const [language, contentVersion] = await Promise.all([
        options.languageOf(req.get("cookie") ?? null, req.get("accept-language") ?? null),
        versions.then((v) => v.content),
      ]).catch(async (error: unknown) => {
        await options.unavailable(req, res, error);
        return [];
      });
      if (contentVersion === undefined) return;

      const key = visitorCacheKey(language!, req.originalUrl);
      const cached = cache.get(key, contentVersion);
      if (cached) return await sendCached(req, res, cache, key, cached, "hit", policyHeader);

      res.locals.dataVersions = versions;
      const response = await render(req, res);
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the database in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
