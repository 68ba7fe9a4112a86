import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "./logger.server";
import { db } from "~/db.server";
import { members } from "../../db/schema";

const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$c2VjcmV0LWhhc2gtb2YtYS1wYXNzd29yZA";
const TOKEN = "reset-token-7f3a9c1e5b2d4f6a8c0e";

/** What the app's logger writes for a request that failed on this error, as handleError logs it. */
function logged(error: unknown): string {
  let text = "";
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  pino({ ...loggerOptions, level: "info" }, capture).error({ err: error, url: "http://localhost/sign-up" }, "request failed");
  return text;
}

async function failure(query: Promise<unknown>): Promise<unknown> {
  return query.then(
    () => expect.fail("the query should have failed"),
    (error: unknown) => error,
  );
}

describe("a failed query in the log", () => {
  it("a sign-up with a NUL byte in the name logs which query failed, not the password hash", async () => {
    const error = await failure(
      db().insert(members).values({ name: "Kari\u0000", email: "kari@example.no", passwordHash: PASSWORD_HASH, jobTitle: "Rådgiver" }),
    );
    const line = logged(error);
    expect(line).toContain('insert into \\"members\\"');
    expect(line).not.toContain(PASSWORD_HASH);
    expect(line).not.toContain("c2VjcmV0");
    expect(line).not.toContain("kari@example.no");
  });

  it("a value PostgreSQL repeats in its own message is cut out too", async () => {
    const error = await failure(db().execute(sql`select ${TOKEN}::int`));
    const line = logged(error);
    expect(line).toContain("select $1::int");
    expect(line).toContain("invalid input syntax for type integer");
    expect(line).not.toContain(TOKEN);
  });
});
