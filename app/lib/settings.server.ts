import { z } from "zod";

// Every setting a deployment may set (README "Configuration"), checked once at start with one line
// per wrong value. Read through settings() rather than process.env, so the rules live in one place.

const flag = z.enum(["0", "1"]).optional();

const origin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.hash || url.username) {
      ctx.addIssue({ code: "custom", message: `must be an origin such as https://forum.kommune.no (got "${value}")` });
      return z.NEVER;
    }
    return url.origin;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    HOST: z.string().min(1).optional(),
    PUBLIC_URL: origin.optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: "must start with postgres:// or postgresql://" })
      .optional(),
    DATA_DIR: z.string().min(1).default("data"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { message: "must start with smtp:// or smtps://" })
      .optional(),
    MAIL_FROM: z.string().min(3).default("Kommuneforum <noreply@kommuneforum.no>"),
    TRUST_PROXY: z.string().min(1).optional(),
    DEMO_CONTENT: flag,
    ADMIN_EMAIL: z.email({ message: "must be an email address" }).optional(),
    ADMIN_PASSWORD: z.string().min(10, { message: "must have at least 10 characters" }).optional(),
    VISITOR_CACHE: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
    VISITOR_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(32),
    RATE_LIMITS: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  })
  .superRefine((env, ctx) => {
    if (env.WEB_CONCURRENCY > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WEB_CONCURRENCY"],
        message: `is ${env.WEB_CONCURRENCY}, but the embedded database (PGlite) allows one process: set DATABASE_URL to run several, or leave WEB_CONCURRENCY unset`,
      });
    }
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is required in production: the origin users reach the site at, e.g. https://forum.kommune.no",
      });
    }
  });

export type Settings = z.infer<typeof schema>;

/** Empty strings count as unset, as a shell's `FOO= npm start` means. */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

/** The settings, or one line per wrong value ("PUBLIC_URL is required in production: …"). */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  const result = schema.safeParse(present(env));
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${String(issue.path[0] ?? "settings")} ${issue.message}`) };
}

/** The settings as the environment holds them now (checked at start; tests may change SMTP_URL between calls). */
export function settings(env: NodeJS.ProcessEnv = process.env): Settings {
  const checked = checkSettings(env);
  if (!checked.ok) throw new Error(`Invalid settings:\n${checked.problems.join("\n")}`);
  return checked.settings;
}

/**
 * The origin every absolute link, mail and calendar UID is built from: PUBLIC_URL, or in development
 * and tests http://localhost:<PORT>. Never a request's Host header.
 */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  // Pages ask on every request: the whole environment is checked again only when what decides it changes.
  const key = `${env.PUBLIC_URL}\0${env.PORT}\0${env.NODE_ENV}`;
  if (lastPublicUrl?.key === key) return lastPublicUrl.url;
  const { PUBLIC_URL, PORT } = settings(env);
  lastPublicUrl = { key, url: PUBLIC_URL ?? `http://localhost:${PORT}` };
  return lastPublicUrl.url;
}

let lastPublicUrl: { key: string; url: string } | undefined;

/** The host part of PUBLIC_URL, for calendar UIDs ("forum-session-5@forum.kommune.no"). */
export function publicHost(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(publicUrl(env)).host;
}
