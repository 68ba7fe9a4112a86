import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

export type Render = (req: ExpressRequest, res: ExpressResponse) => Promise<Response>;

/**
 * @remix-run/express's adapter, except that a POST's body comes from the buffer the request gate
 * already read and checked (res.locals.body) instead of the socket, the URL is built on PUBLIC_URL, and
 * the response is returned (the visitor cache may keep it) before sendResponse writes it.
 * The headers, abort on a closed connection and streamed response are as in @remix-run/express 2.17.5.
 */
export function remixRenderer(options: {
  /** The build itself in production (Remix derives its routes once); a function in dev, called per request. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string | undefined;
  origin: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Record<string, unknown>;
}): Render {
  const handle = createRequestHandler(options.build, options.mode);
  return (req, res) =>
    // The nonce of the Content-Security-Policy the server set for this response (scripts/server.ts).
    handle(remixRequest(req, res, options.origin), { ...options.getLoadContext(req, res), scriptNonce: res.locals.scriptNonce as string | undefined });
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, origin: string): Request {
  // The site's own origin (PUBLIC_URL), never the Host header: nothing downstream can be led to trust a foreign host.
  const url = new URL(`${origin}${pathOf(req.originalUrl)}`);

  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  // Remix refuses a form whose Origin differs from Host (a 500), and Host is whatever the client or a
  // proxy says: the request gate has already checked Origin against PUBLIC_URL, so Remix sees our own host.
  headers.set("host", url.host);
  headers.delete("x-forwarded-host");

  // Abort loaders and actions once no response can be written: `close` without `finish`.
  let controller: AbortController | undefined = new AbortController();
  res.on("finish", () => (controller = undefined));
  res.on("close", () => controller?.abort());

  const body = res.locals.body as Buffer | undefined;
  return new Request(url.href, { method: req.method, headers, signal: controller.signal, body: body ? new Uint8Array(body) : null });
}

/** The path and query of a request target; "//x" stays a path, and an absolute-form target keeps only its path. */
function pathOf(target: string): string {
  if (target.startsWith("/")) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

export async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // A route's header replaces the server's default of the same name (Cache-Control, a download's
  // policy), rather than making a second one; only cookies come as several.
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.set(key, value);
  }
  const eventStream = /text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
  if (eventStream) res.flushHeaders();
  if (response.body) await writeBody(response.body, res, eventStream);
  else res.end();
}

/**
 * Writes a streamed body as it comes. Unlike @remix-run/node's writeReadableStreamToWritable, it does
 * not flush the compressor after every chunk (React's stream yields about 15 per page, and a flush each
 * made the gzip body some 45 % larger), except for an event stream, whose every event must go out at once.
 * It waits for `drain` when the socket is behind and stops reading once the client has gone.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse, flushEach: boolean) {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return void (await reader.cancel());
      const more = res.write(value);
      if (flushEach) (res as ExpressResponse & { flush?: () => void }).flush?.();
      if (!more && !(await drained(res))) return void (await reader.cancel());
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/** True once the response can take more, false if the connection closed first. */
function drained(res: ExpressResponse): Promise<boolean> {
  return new Promise((resolve) => {
    // The compression middleware hands `drain` listeners to its zlib stream, so the listener removes
    // itself from whichever emitter called it.
    function onDrain(this: NodeJS.EventEmitter) {
      this.off("drain", onDrain);
      res.off("close", onClose);
      resolve(true);
    }
    function onClose() {
      res.off("drain", onDrain);
      resolve(false);
    }
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}
