import type { Request as ExpressRequest } from "express";

/**
 * What every request must pass before Remix reads it (docs/decisions/008-request-gate.md): pages take
 * GET, HEAD and POST; a POST is an ordinary form from our own origin, at most BODY_LIMIT bytes, with
 * no NUL byte in any field. A refusal is a 4xx status page, never a 500 from deep inside an action.
 */

export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

// The largest legitimate form is a summary of 100,000 characters: at worst 9 bytes each once
// percent-encoded (a three-byte character as %XX%XX%XX), 900 kB, plus a few small fields.
export const BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  status: number;
  reason?: "crossSite" | "badCharacter";
  headers?: Record<string, string>;
}

/** Refuses by what the request line and headers say, before a byte of the body is read. */
export function refuseByHeaders(req: ExpressRequest, publicOrigin: string): Refusal | undefined {
  if (!ALLOWED_METHODS.includes(req.method)) return { status: 405, headers: { Allow: ALLOWED_METHODS.join(", ") } };
  // A NUL byte can name no page, and PostgreSQL text cannot hold one: refused here, not by a query deep inside.
  const [pathPart = "", query = ""] = req.originalUrl.split(/\?(.*)/s);
  if (/%00/i.test(pathPart)) return { status: 404 };
  if (/%00/i.test(query)) return { status: 400, reason: "badCharacter" };
  if (req.method !== "POST") return undefined;
  const origin = req.get("origin");
  // A browser sends Origin with every POST (or "null" from a sandbox); older ones at least Sec-Fetch-Site.
  if (origin !== undefined ? origin !== publicOrigin : req.get("sec-fetch-site") === "cross-site") {
    return { status: 403, reason: "crossSite" };
  }
  if (!formType(req.get("content-type"))) return { status: 415 };
  const length = Number(req.get("content-length"));
  if (length > BODY_LIMIT) return { status: 413, headers: { Connection: "close" } };
  return undefined;
}

function formType(contentType: string | undefined): "urlencoded" | "multipart" | undefined {
  const [type = "", ...parameters] = (contentType ?? "").split(";").map((part) => part.trim().toLowerCase());
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  if (type === "multipart/form-data" && parameters.some((p) => /^boundary=.+/.test(p))) return "multipart";
  return undefined;
}

/** The whole body, or undefined when it passed the limit (the rest is not read) or the client left. */
export function readBody(req: ExpressRequest, limit = BODY_LIMIT): Promise<Buffer | "tooLarge" | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        req.removeAllListeners("data");
        resolve("tooLarge");
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("close", () => resolve(req.complete ? Buffer.concat(chunks) : undefined));
    req.on("error", () => resolve(undefined));
  });
}

/** Refuses a form whose fields cannot be stored: unreadable, or holding a NUL byte (PostgreSQL text cannot). */
export async function refuseByBody(body: Buffer, contentType: string | undefined): Promise<Refusal | undefined> {
  let fields: Iterable<[string, FormDataEntryValue]>;
  if (formType(contentType) === "urlencoded") {
    fields = new URLSearchParams(body.toString("utf8"));
  } else {
    try {
      fields = await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType! } }).formData();
    } catch {
      return { status: 400 };
    }
  }
  for (const [name, value] of fields) {
    if (name.includes("\0") || (typeof value === "string" ? value : value.name).includes("\0")) {
      return { status: 400, reason: "badCharacter" };
    }
  }
  return undefined;
}
