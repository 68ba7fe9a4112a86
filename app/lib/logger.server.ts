import pino, { type LoggerOptions } from "pino";
import { requestContext } from "./request-context.server";

interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  /** The SQL text of a failed query, with placeholders ($1, $2) and never the values. */
  query?: string;
  constraint?: string;
  table?: string;
  column?: string;
  cause?: SafeError;
}

// The fields of an error worth logging; the rest (drizzle's `params`, postgres.js' `parameters`,
// PostgreSQL's `where` and `detail`) can hold what a member typed, a password hash or a token.
const KEPT = { code: "code", constraint: "constraint_name", table: "table_name", column: "column_name" } as const;

/** The query parameters anywhere in an error's chain: their text is cut out of every message. */
function parametersOf(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    for (const key of ["params", "parameters"]) {
      const values = (e as Record<string, unknown>)[key];
      if (Array.isArray(values)) for (const value of values) if (value != null) found.push(String(value));
    }
    e = (e as { cause?: unknown }).cause;
  }
  // Longest first, so a value containing another is cut whole; one or two characters say nothing.
  return found.filter((value) => value.length > 2).sort((a, b) => b.length - a.length);
}

function scrub(text: string, secrets: string[]): string {
  // drizzle writes "Failed query: <sql>\nparams: <values>"; everything after "params:" is values.
  let clean = text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [not logged]");
  for (const secret of secrets) clean = clean.split(secret).join("[not logged]");
  return clean;
}

function safeError(error: unknown, secrets: string[], depth = 0): SafeError | undefined {
  if (!(error instanceof Error) || depth > 4) return undefined;
  const fields = error as unknown as Record<string, unknown>;
  const safe: SafeError = { type: error.constructor.name || error.name, message: scrub(error.message, secrets) };
  if (error.stack) safe.stack = scrub(error.stack, secrets);
  for (const [name, key] of Object.entries(KEPT) as [keyof typeof KEPT, string][]) {
    const value = fields[key] ?? fields[name];
    if (typeof value === "string") safe[name] = value;
  }
  if (typeof fields.query === "string") safe.query = fields.query;
  const cause = safeError(error.cause, secrets, depth + 1);
  if (cause) safe.cause = cause;
  return safe;
}

/** Pino's `err` serializer, made safe for failed queries. */
export function serializeError(error: unknown): unknown {
  return error instanceof Error ? safeError(error, parametersOf(error)) : error;
}

export const loggerOptions: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: undefined,
  serializers: { err: serializeError, error: serializeError },
  // Every line written while answering a request says which one.
  mixin: () => {
    const id = requestContext()?.id;
    return id ? { reqId: id } : {};
  },
};

export const logger = pino(loggerOptions);
