import { sql } from "drizzle-orm";
import { guardDatabaseWork } from "~/database-guard.server";
import { databaseStatus, db } from "~/db.server";

/** 200 while the database answers; 503 while it is away or stalled (decided within two seconds). */
export async function loader() {
  const ok =
    databaseStatus() === "ready" &&
    (await guardDatabaseWork(() => db().execute(sql`select 1`), { retry: true }).then(
      (answer) => answer.ok,
      () => false,
    ));
  return Response.json(ok ? { status: "ok" } : { status: "unavailable" }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
