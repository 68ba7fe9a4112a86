import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import stylesheet from "../styles/app.css?url";
// Every language's messages, for pages, status pages and mail rendered here.
import "~/catalogues/all.server";
import { databaseStatus, isConnectionError, noteConnectionError } from "~/db.server";
import { languageFromHeaders } from "~/i18n/language.server";
import { logger } from "~/lib/logger.server";
import { retryAfterOf } from "~/lib/rate-limit.server";
import { requestContext } from "~/lib/request-context.server";
import { pathForLog } from "~/lib/request-log.server";
import { RequestReferenceContext } from "~/ui/request-reference";
import { ScriptNonce } from "~/ui/script-nonce";
import { renderStatusPage } from "~/ui/status-page.server";
import type { StatusReason } from "~/ui/status-texts";

// The server (scripts/server.ts) reaches these through build.entry.module, so that it shares this
// bundle's one database instead of opening a second.
export { startApp, stopApp } from "~/startup.server";
export { databaseStatus, languageFromHeaders, logger };
export { freshDataVersions } from "~/lib/data-versions.server";
export { guardDatabaseWork } from "~/database-guard.server";
export { logRequest } from "~/lib/request-log.server";

/** For the server's own database reads (the visitor cache's version): a lost connection means 503 until it is back. */
export function noteDatabaseError(error: unknown): void {
  if (isConnectionError(error)) noteConnectionError();
  else logger.warn({ err: error }, "content version not read");
}

export async function statusPage(
  status: number,
  cookie: string | null,
  acceptLanguage: string | null,
  reason?: StatusReason,
): Promise<string> {
  const language = await languageFromHeaders(cookie, acceptLanguage);
  return renderStatusPage(status, language, stylesheet, reason, requestContext()?.id);
}

/** For the server's own errors (outside Remix): through the logger, which never writes query parameters. */
export function logServerError(error: unknown, message: string): void {
  logger.error({ err: error }, message);
}

const ABORT_DELAY = 5_000;

export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isConnectionError(error)) {
    // The server's guard (app/database-guard.server.ts) probes, and retries or answers 503.
    const context = requestContext();
    if (context) context.connectionError = true;
    else noteConnectionError();
    logger.warn({ path: pathForLog(request.url) }, "database connection lost during request");
    return;
  }
  logger.error({ err: error, path: pathForLog(request.url) }, "request failed");
}

export function handleDataRequest(response: Response) {
  if (response.status >= 500 && databaseStatus() === "unavailable") {
    return new Response(response.body, { status: 503, headers: response.headers });
  }
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (responseStatusCode >= 500 && databaseStatus() === "unavailable") {
    const html = await statusPage(503, request.headers.get("Cookie"), request.headers.get("Accept-Language"));
    return new Response(html, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" },
    });
  }
  const retryAfter = responseStatusCode === 429 ? retryAfterOf(remixContext.staticHandlerContext) : undefined;
  if (retryAfter) responseHeaders.set("Retry-After", retryAfter);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  // The server's Content-Security-Policy for this response allows inline scripts with this nonce only.
  const nonce = loadContext.scriptNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <RequestReferenceContext.Provider value={requestContext()?.id}>
        <ScriptNonce.Provider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </ScriptNonce.Provider>
      </RequestReferenceContext.Provider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          // Nothing left to wait for: an abort after this only throws inside a finished stream, once a page.
          clearTimeout(abortTimer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A reader who left mid-page closes the stream under React: not a failure of ours.
          if (shellRendered && !request.signal.aborted) logger.error({ err: error }, "render failed");
        },
      },
    );
    // React renders from the next turn on, so onAllReady always comes after this.
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}
