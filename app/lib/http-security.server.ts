import { createHash, randomBytes } from "node:crypto";

/**
 * The security headers of every response (README "Security headers", docs/decisions/016-security-headers.md).
 * Pages allow only the scripts they were rendered with: a fresh nonce per rendered response, or, for
 * a page the visitor cache sends again, the SHA-256 of each of its inline scripts.
 */

/** 16 random bytes, base64: a nonce for one response's inline scripts. */
export function newScriptNonce(): string {
  return randomBytes(16).toString("base64");
}

/** True when the site is reached over TLS: HSTS, `Secure` cookies and the `__Host-` session cookie. */
export function isHttpsOrigin(origin: string): boolean {
  return origin.startsWith("https:");
}

export type ScriptSources = { nonce: string } | { hashes: readonly string[] };

/**
 * The policy of an HTML page. No inline style attribute or <style> element is rendered, so styles too
 * come only from our own stylesheet; images only from us, or data: URLs in that stylesheet.
 */
export function pagePolicy(scripts: ScriptSources): string {
  const allowed = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : scripts.hashes.map((hash) => `'${hash}'`);
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...allowed].join(" ")}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** For anything not HTML (CSV, ICS, JSON, feeds): opened in a tab, it may load and run nothing. */
export const DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function isHtml(contentType: string | null | undefined): boolean {
  return /^\s*text\/html\b/i.test(contentType ?? "");
}

/** The `'sha256-…'` source of every inline script in a page, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  // React and Remix escape "<" inside scripts and in text, so a page's only "<script" are its script elements.
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(match[1]!)) continue;
    // What the browser hashes is the element's text after the parser's newline normalisation.
    const text = match[2]!.replace(/\r\n?/g, "\n");
    hashes.add(`sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

/** A cached page's body without the nonce it was rendered with, which no later response would allow. */
export function withoutNonce(html: string, nonce: string): string {
  return html.replaceAll(` nonce="${nonce}"`, "");
}

/** What every response carries besides its Content-Security-Policy. */
export function staticSecurityHeaders(origin: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy":
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
    // Behind a TLS-terminating proxy the server itself listens on http; PUBLIC_URL says what browsers use.
    ...(isHttpsOrigin(origin) ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
