import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Milliseconds from sending to the answer's end. */
  ms: number;
}

export interface RawRequest {
  method?: string;
  /** Sent as given: any Host, no Origin unless given, a Content-Length that need not be kept. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body but never end the request, as a client that promised more bytes than it sends. */
  unfinished?: boolean;
}

/** A request through node:http, which unlike fetch sends exactly these headers and any method. */
export function rawRequest(url: URL | string, { method = "GET", headers = {}, body, unfinished = false }: RawRequest = {}): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started });
        // Nothing more will be said on a connection whose body was never finished.
        if (unfinished) req.destroy();
      });
    });
    req.on("error", reject);
    if (unfinished) req.write(body ?? "");
    else req.end(body);
  });
}
