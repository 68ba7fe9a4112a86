import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { ENCODERS, type Encoding } from "../app/lib/content-encoding.server";

/**
 * Rendered pages for visitors (docs/decisions/015-visitor-cache.md): a GET without a session cookie is
 * answered from memory while the content version it was rendered at is still the committed one. Keyed
 * by language, path and query; bounded by bytes, with a cap on the variants of one path so that a burst
 * of distinct query strings cannot push out everything else.
 */

export { chooseEncoding, type Encoding } from "../app/lib/content-encoding.server";

export interface CachedPage {
  contentVersion: number;
  storedAt: number;
  etag: string;
  /** The response's own headers (Content-Type, …), without those the cache sets itself. */
  headers: [string, string][];
  /** The body's own policy: its inline scripts by hash, as any nonce it was rendered with is gone. */
  contentSecurityPolicy: string;
  body: Buffer;
  encoded: Partial<Record<Exclude<Encoding, "identity">, Buffer>>;
}

export interface VisitorCacheOptions {
  maxBytes: number;
  /** Variants (query strings × languages) kept per path; the oldest goes first. */
  maxPerPath: number;
  /** Pages also show time ("next session", "3 days ago"): none is served older than this. */
  maxAgeMs: number;
}

export class VisitorCache {
  private readonly pages: LRUCache<string, CachedPage>;
  private readonly keysOfPath = new Map<string, Set<string>>();
  private readonly pathOfKey = new Map<string, string>();

  constructor(private readonly options: VisitorCacheOptions) {
    this.pages = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes,
      // One page may take at most an eighth of the cache: a huge export does not empty it.
      maxEntrySize: Math.floor(options.maxBytes / 8),
      sizeCalculation: (page, key) =>
        key.length +
        page.contentSecurityPolicy.length +
        page.body.length +
        (page.encoded.br?.length ?? 0) +
        (page.encoded.gzip?.length ?? 0) +
        512,
      dispose: (_page, key, reason) => {
        if (reason !== "set") this.forget(key);
      },
    });
  }

  get size(): number {
    return this.pages.size;
  }

  get bytes(): number {
    return this.pages.calculatedSize;
  }

  /** The page stored for a key if it was rendered at `contentVersion` and is young enough; else nothing. */
  get(key: string, contentVersion: number, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (page.contentVersion !== contentVersion || now - page.storedAt > this.options.maxAgeMs) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  /** Stores a page unless one rendered at a later version is already there. */
  set(key: string, path: string, page: CachedPage): void {
    const stored = this.pages.peek(key);
    if (stored && stored.contentVersion > page.contentVersion) return;
    if (!stored) {
      const keys = this.keysOfPath.get(path) ?? new Set<string>();
      while (keys.size >= this.options.maxPerPath) {
        const oldest = keys.values().next().value!;
        this.pages.delete(oldest);
        keys.delete(oldest);
      }
      keys.add(key);
      this.keysOfPath.set(path, keys);
      this.pathOfKey.set(key, path);
    }
    this.pages.set(key, page);
    if (!this.pages.has(key)) this.forget(key); // larger than a page may be
  }

  /** The body in the encoding asked for, compressed once per page and kept with it. */
  async encode(key: string, page: CachedPage, encoding: Encoding): Promise<Buffer> {
    if (encoding === "identity") return page.body;
    const encoded = page.encoded[encoding];
    if (encoded) return encoded;
    page.encoded[encoding] = await ENCODERS[encoding](page.body);
    // Stored again so that its size counts the compressed copy.
    if (this.pages.peek(key) === page) this.pages.set(key, page);
    return page.encoded[encoding]!;
  }

  private forget(key: string): void {
    const path = this.pathOfKey.get(key);
    if (path === undefined) return;
    this.pathOfKey.delete(key);
    const keys = this.keysOfPath.get(path);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfPath.delete(path);
  }
}

export function visitorCacheKey(language: string, pathAndQuery: string): string {
  return `${language} ${pathAndQuery}`;
}

/** A validator of the page's bytes: weak, because one page goes out in several encodings. */
export function etagOf(body: Buffer): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

// The session cookie, under either of its names (app/members/auth-sessions.server.ts).
const SESSION_COOKIES = new Set(["kf_session", "__Host-kf_session"]);
// Cookies that may come with a cacheable request: the language, which is in the key.
const VISITOR_COOKIES = new Set(["lang"]);

/** Anonymous: no session cookie, valid or not, and no cookie the page could depend on. */
export function isVisitor(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true;
  for (const part of cookieHeader.split(";")) {
    const name = part.split("=", 1)[0]!.trim();
    if (name === "") continue;
    if (SESSION_COOKIES.has(name) || !VISITOR_COOKIES.has(name)) return false;
  }
  return true;
}

/** What may be stored: a plain 200 that sets no cookie and does not ask to stay private. */
export function isStorable(response: Response): boolean {
  // An encoded body (a route that compressed its own, as /solutions.json does) is not a page to compress.
  if (response.status !== 200 || response.headers.has("Set-Cookie") || response.headers.has("Content-Encoding")) return false;
  const cacheControl = response.headers.get("Cache-Control") ?? "";
  if (/\b(private|no-store)\b/i.test(cacheControl)) return false;
  return !/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
}

/** True when If-None-Match names the page's validator (weak comparison, as for GET). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
