/**
 * The production (and dev) HTTP server: compression, long-lived caching of fingerprinted assets,
 * a gate that refuses malformed and cross-site requests before Remix reads them, a 503 gate while
 * the database is away, and a shutdown that lets requests in flight finish before closing the database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type * as Entry from "../app/entry.server";
import type { Refusal } from "./request-gate";

const dev = process.argv.includes("--dev");
// Set before React, Remix or express load: they read it once.
process.env.NODE_ENV = dev ? "development" : "production";

const { checkSettings, publicUrl } = await import("../app/lib/settings.server");
const checked = checkSettings();
if (!checked.ok) {
  for (const problem of checked.problems) console.error(`Setting ${problem}`);
  process.exit(1);
}
const { PORT: port, HOST: host, TRUST_PROXY, VISITOR_CACHE, VISITOR_CACHE_MB } = checked.settings;
// WEB_CONCURRENCY above 1: this process only supervises that many copies of itself (scripts/cluster.ts).
if (checked.settings.WEB_CONCURRENCY > 1 && !dev) {
  const { superviseWorkers } = await import("./cluster");
  if (superviseWorkers(checked.settings.WEB_CONCURRENCY)) await new Promise<never>(() => {});
}
const publicOrigin = publicUrl();

const { default: express } = await import("express");
const { default: compression } = await import("compression");
const { refuseByHeaders, readBody, refuseByBody } = await import("./request-gate");
const { remixRenderer } = await import("./remix-adapter");
const { pageHandler } = await import("./page-handler");
const { VisitorCache, chooseEncoding } = await import("./visitor-cache");
const { requestIdFor, runInRequestContext } = await import("../app/lib/request-context.server");
const { newScriptNonce, pagePolicy, staticSecurityHeaders } = await import("../app/lib/http-security.server");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Migrations, seed data and DATA_DIR resolve from the app's root, wherever the server is started from.
process.chdir(root);

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (e.g. "loopback" or a hop count) makes req.ip the client's.
if (TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY);
// A request id for every request: on each log line written while answering it (the app's pino mixin), in
// X-Request-Id and on the 5xx pages; then one log line with method, path, status and duration.
app.use((req, res, next) => {
  const started = performance.now();
  const id = requestIdFor(req.get("x-request-id"), Boolean(TRUST_PROXY));
  res.set("X-Request-Id", id);
  const done = () => {
    res.off("finish", done).off("close", done);
    entry.logRequest({
      id,
      method: req.method,
      target: req.originalUrl,
      status: res.statusCode,
      ms: performance.now() - started,
      aborted: !res.writableFinished,
    });
  };
  res.on("finish", done).on("close", done);
  runInRequestContext({ id }, next);
});
// Dynamic pages: gzip 6, or brotli 4 with a 256 KB window instead of the default 4 MB one, which each
// response's compressor would allocate (bench/README.md, "Compression"). Cached visitor pages and assets
// are compressed once, elsewhere.
const { constants: zlib } = await import("node:zlib");
app.use(compression({ level: 6, brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 18 } } }));
let stopping = false;
const securityHeaders = staticSecurityHeaders(publicOrigin);
// Vite's dev client adds <style> elements and scripts of its own: in dev the policy only reports.
const policyHeader = dev ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
app.use((_req, res, next) => {
  res.set(securityHeaders);
  // Status pages, assets and pages alike; the page handler narrows it for downloads and cached pages.
  res.locals.scriptNonce = newScriptNonce();
  res.set(policyHeader, pagePolicy({ nonce: res.locals.scriptNonce as string }));
  // While shutting down, a keep-alive connection closes after its answer instead of waiting for more.
  if (stopping) res.set("Connection", "close");
  next();
});

// Dev loads the build per request (its modules change under it); production hands Remix the one
// build object, so that Remix derives its routes once and route matching reuses them.
let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  build = (await import(pathToFileURL(path.join(root, "build", "server", "index.js")).href)) as ServerBuild;
  const assets = path.join(root, "build", "client", "assets");
  // The build's brotli and gzip copies (scripts/precompress-assets.mjs), named from this list only.
  const precompressed = new Set(readdirSync(assets).filter((name) => /\.(br|gz)$/.test(name)));
  app.use("/assets", (req, res, next) => {
    const encoding = chooseEncoding(req.get("accept-encoding"));
    const copy = `${req.path.slice(1)}.${encoding === "br" ? "br" : "gz"}`;
    if (encoding === "identity" || !precompressed.has(copy)) return next();
    res.set({ "Content-Encoding": encoding, Vary: "Accept-Encoding" }).type(path.extname(req.path));
    res.sendFile(path.join(assets, copy), { immutable: true, maxAge: "1y" }, (error) => error && next(error));
  });
  app.use("/assets", express.static(assets, { immutable: true, maxAge: "1y" }));
  // Other public files (favicon.svg) have an extension; pages never do, so they skip the file lookup.
  const publicFiles = express.static(path.join(root, "build", "client"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
}

const entry = (typeof build === "function" ? await build() : build).entry.module as unknown as typeof Entry;

async function sendStatusPage(req: Request, res: Response, status: number, reason?: Refusal["reason"]) {
  const html = await entry.statusPage(status, req.get("cookie") ?? null, req.get("accept-language") ?? null, reason);
  res.status(status).set("Cache-Control", "no-store").type("html").send(html);
}

function refuse(req: Request, res: Response, refusal: Refusal) {
  if (refusal.headers) res.set(refusal.headers);
  return sendStatusPage(req, res, refusal.status, refusal.reason);
}

// The request gate: method, origin, form type and size, then the body read whole and checked.
app.use((req, res, next) => {
  const byHeaders = refuseByHeaders(req, publicOrigin);
  if (byHeaders) return void refuse(req, res, byHeaders).catch(next);
  if (req.method !== "POST") return next();
  readBody(req)
    .then(async (body) => {
      if (body === undefined) return; // the client went away
      if (body === "tooLarge") return refuse(req, res, { status: 413, headers: { Connection: "close" } });
      const byBody = await refuseByBody(body, req.get("content-type"));
      if (byBody) return refuse(req, res, byBody);
      res.locals.body = body;
      next();
    })
    .catch(next);
});

app.use((req, res, next) => {
  if (entry.databaseStatus() === "ready" || req.path === "/healthz") return next();
  res.set("Retry-After", "5");
  sendStatusPage(req, res, 503).catch(next);
});

// The dev server renders every time: its modules change under it.
const visitorCache =
  VISITOR_CACHE === "on" && !dev
    ? new VisitorCache({ maxBytes: VISITOR_CACHE_MB * 1024 * 1024, maxPerPath: 64, maxAgeMs: 60_000 })
    : undefined;

app.all(
  "*",
  pageHandler({
    render: remixRenderer({
      build,
      mode: process.env.NODE_ENV,
      origin: publicOrigin,
      // dataVersions: what the visitor cache already read for this request, so loaders need not read it again.
      getLoadContext: (req, res) => ({ clientAddress: req.ip, dataVersions: res.locals.dataVersions }),
    }),
    cache: visitorCache,
    policyHeader,
    uncached: new Set(["/healthz"]),
    unguarded: new Set(["/healthz"]),
    freshDataVersions: entry.freshDataVersions,
    languageOf: entry.languageFromHeaders,
    guard: entry.guardDatabaseWork,
    async unavailable(req, res) {
      res.set("Retry-After", "5");
      await sendStatusPage(req, res, 503);
    },
  }),
);

// Errors raised before Remix runs, such as a URL whose percent-encoding cannot be decoded.
app.use((error: { status?: number; statusCode?: number }, req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(error);
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 500) entry.logServerError(error, "request failed before Remix");
  sendStatusPage(req, res, status >= 400 && status < 600 ? status : 500).catch(next);
});

const onListening = () => entry.logger.info(`Kommuneforum listening on http://${host ?? "localhost"}:${port}`);
const server = host ? app.listen(port, host, onListening) : app.listen(port, onListening);
server.on("error", (error) => {
  console.error(`Cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});

entry.startApp().catch((error: unknown) => {
  // Through the logger: a failed query at start (the admin from ADMIN_PASSWORD) must not print its values.
  entry.logServerError(error, "start-up failed");
  process.exit(1);
});

// How long requests in flight may take to finish after SIGTERM before their connections are cut.
const DRAIN_DEADLINE_MS = 10_000;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  entry.logger.info(`${signal}: finishing requests in flight, then shutting down`);
  // close() stops accepting and closes idle keep-alive connections; its callback waits for busy ones.
  const drained = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = new Promise<boolean>((resolve) => setTimeout(resolve, DRAIN_DEADLINE_MS, false).unref());
  const finished = await Promise.race([drained, deadline]);
  clearInterval(idle);
  if (!finished) {
    entry.logger.error(`Requests still running after ${DRAIN_DEADLINE_MS / 1000} s: closing their connections`);
    server.closeAllConnections();
  }
  setTimeout(() => process.exit(1), 5_000).unref();
  await entry.stopApp();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
