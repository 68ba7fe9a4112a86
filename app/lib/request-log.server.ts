import { logger } from "./logger.server";

// Path segments that are secrets (a calendar's feed token, a password reset token): logged as [token].
const TOKEN_PATHS: [RegExp, string][] = [
  [/^\/calendar\/[^/]+?(\.ics)?$/, "/calendar/[token]$1"],
  [/^\/reset-password\/[^/]+$/, "/reset-password/[token]"],
];

/** A request target as it may be logged: the path only (never the query), its token segments hidden. */
export function pathForLog(target: string): string {
  let path = target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      path = "/";
    }
  }
  path = path.split(/[?#]/, 1)[0] ?? "/";
  for (const [pattern, replacement] of TOKEN_PATHS) {
    if (pattern.test(path)) return path.replace(pattern, replacement);
  }
  return path;
}

/** The one line per request: method, path, status and duration; the request id comes from its context (or `id`). */
export function logRequest(line: { id: string; method: string; target: string; status: number; ms: number; aborted?: boolean }) {
  const fields = {
    reqId: line.id,
    method: line.method,
    path: pathForLog(line.target),
    status: line.status,
    ms: Math.round(line.ms),
    ...(line.aborted ? { aborted: true } : {}),
  };
  if (line.status >= 500) logger.warn(fields, "request");
  else logger.info(fields, "request");
}
