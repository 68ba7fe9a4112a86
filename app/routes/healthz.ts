import { databaseStatus, markDatabaseUnavailable, pingDatabase } from "~/db.server";

export async function loader() {
  const ok = databaseStatus() === "ready" && (await pingDatabase());
  if (databaseStatus() === "ready" && !ok) markDatabaseUnavailable();
  return Response.json(ok ? { status: "ok" } : { status: "unavailable" }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
