import { openDatabase, migrateDatabase, closeDatabase } from "~/db.server";
await openDatabase({ driver: "postgres", url: process.env.DATABASE_URL! });
const t = performance.now(); await migrateDatabase(); console.log("migrate ms", performance.now() - t);
await closeDatabase();
