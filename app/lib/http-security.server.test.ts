import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DOWNLOAD_POLICY, inlineScriptHashes, newScriptNonce, pagePolicy, staticSecurityHeaders, withoutNonce } from "./http-security.server";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe("the page policy", () => {
  it("allows inline scripts by this response's nonce only, never unsafe-inline", () => {
    const nonce = newScriptNonce();
    const policy = pagePolicy({ nonce });
    expect(directive(policy, "script-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(policy).not.toContain("unsafe-inline");
    expect(directive(policy, "default-src")).toBe("'self'");
    expect(directive(policy, "style-src")).toBe("'self'");
    expect(directive(policy, "img-src")).toBe("'self' data:");
    expect(directive(policy, "object-src")).toBe("'none'");
    expect(directive(policy, "base-uri")).toBe("'self'");
    expect(directive(policy, "frame-ancestors")).toBe("'none'");
    expect(directive(policy, "form-action")).toBe("'self'");
  });

  it("gives every response a different nonce of 16 random bytes", () => {
    const nonces = new Set(Array.from({ length: 100 }, newScriptNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("allows a cached page's scripts by their hashes instead", () => {
    expect(directive(pagePolicy({ hashes: ["sha256-a", "sha256-b"] }), "script-src")).toBe("'self' 'sha256-a' 'sha256-b'");
    expect(directive(pagePolicy({ hashes: [] }), "script-src")).toBe("'self'");
  });

  it("lets a download load nothing", () => {
    expect(directive(DOWNLOAD_POLICY, "default-src")).toBe("'none'");
    expect(directive(DOWNLOAD_POLICY, "frame-ancestors")).toBe("'none'");
  });
});

describe("a cached page's scripts", () => {
  const sha = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

  it("hashes each inline script's text once, skipping scripts loaded from a file", () => {
    const html =
      '<head><script nonce="x">window.a = 1;</script><script type="module" async="" nonce="x">import "/assets/a.js";</script>' +
      '<script src="/assets/b.js"></script></head><body><p>&lt;script&gt;no&lt;/script&gt;</p><script>window.a = 1;</script></body>';
    expect(inlineScriptHashes(html)).toEqual([sha("window.a = 1;"), sha('import "/assets/a.js";')]);
  });

  it("hashes the text as the browser reads it, carriage returns turned into newlines", () => {
    expect(inlineScriptHashes("<script>a\r\nb\rc</script>")).toEqual([sha("a\nb\nc")]);
  });

  it("removes the nonce it was rendered with, and only that", () => {
    expect(withoutNonce('<script nonce="abc+/==">1</script><p nonce="other">', "abc+/==")).toBe('<script>1</script><p nonce="other">');
  });
});

describe("the other headers", () => {
  it("send HSTS only when the public origin is https", () => {
    expect(staticSecurityHeaders("https://forum.kommune.no")["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(staticSecurityHeaders("http://localhost:3000")).not.toHaveProperty("Strict-Transport-Security");
    expect(staticSecurityHeaders("http://localhost:3000")["Permissions-Policy"]).toContain("camera=()");
  });
});
