/**
 * The production (and dev) HTTP server: compression, long-lived caching of fingerprinted assets,
 * a 503 gate while the database is away, and a clean shutdown that closes the database.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type * as Entry from "../app/entry.server";

const dev = process.argv.includes("--dev");
// Set before React, Remix or express load: they read it once.
process.env.NODE_ENV = dev ? "development" : "production";

const { checkSettings } = await import("../app/lib/settings.server");
const checked = checkSettings();
if (!checked.ok) {
  for (const problem of checked.problems) console.error(`Setting ${problem}`);
  process.exit(1);
}
const { PORT: port, HOST: host, TRUST_PROXY } = checked.settings;

const { default: express } = await import("express");
const { default: compression } = await import("compression");
const { createRequestHandler } = await import("@remix-run/express");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Migrations, seed data and DATA_DIR resolve from the app's root, wherever the server is started from.
process.chdir(root);

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (e.g. "loopback" or a hop count) makes req.ip the client's.
if (TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY);
app.use(compression());
app.use((_req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  });
  next();
});

let loadBuild: () => Promise<ServerBuild>;
if (dev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  loadBuild = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const build = (await import(
    pathToFileURL(path.join(root, "build", "server", "index.js")).href
  )) as ServerBuild;
  loadBuild = async () => build;
  app.use("/assets", express.static(path.join(root, "build", "client", "assets"), { immutable: true, maxAge: "1y" }));
  // Other public files (favicon.svg) have an extension; pages never do, so they skip the file lookup.
  const publicFiles = express.static(path.join(root, "build", "client"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
}

const entry = (await loadBuild()).entry.module as unknown as typeof Entry;

async function sendStatusPage(req: Request, res: Response, status: number) {
  const html = await entry.statusPage(status, req.get("cookie") ?? null, req.get("accept-language") ?? null);
  res.status(status).set("Cache-Control", "no-store").type("html").send(html);
}

app.use((req, res, next) => {
  if (entry.databaseStatus() === "ready" || req.path === "/healthz") return next();
  res.set("Retry-After", "5");
  sendStatusPage(req, res, 503).catch(next);
});

app.all(
  "*",
  createRequestHandler({
    build: loadBuild,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientAddress: req.ip }),
  }),
);

// Errors raised before Remix runs, such as a URL whose percent-encoding cannot be decoded.
app.use((error: { status?: number; statusCode?: number }, req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(error);
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 500) console.error(error);
  sendStatusPage(req, res, status >= 400 && status < 600 ? status : 500).catch(next);
});

const onListening = () => console.log(`Kommuneforum listening on http://${host ?? "localhost"}:${port}`);
const server = host ? app.listen(port, host, onListening) : app.listen(port, onListening);
server.on("error", (error) => {
  console.error(`Cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});

entry.startApp().catch((error: unknown) => {
  console.error("Start-up failed:", error);
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close();
  server.closeAllConnections();
  await entry.stopApp();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
