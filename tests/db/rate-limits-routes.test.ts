import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { rateLimits, themes, topics } from "../../db/schema";
import { createMember, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { LIMITS } from "~/lib/rate-limit.server";
import * as searchPage from "~/routes/search";
import * as catalogueJson from "~/routes/solutions[.json]";
import * as newTopic from "~/routes/topics.new";

// The limits as a member meets them through the routes: counted in the database, refused with 429 and
// Retry-After, nothing written; an office behind one address is not one member.

const OFFICE = "203.0.113.20";
const contextFrom = (address: string) => ({ clientAddress: address });

type Form = Record<string, string | string[]>;
function run(route: { loader?: unknown; action?: unknown }, handler: "loader" | "action", viewer: TestMember | null, path: string, address: string, form?: Form) {
  const request = requestAs(viewer, path, { form, headers: { "Accept-Language": "en" } });
  const fn = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => fn({ request, params: {}, context: contextFrom(address) }));
}

/** Puts a counter where many earlier requests would have left it, in the current window or an hour ago. */
async function setCounter(key: string, hits: number, startedSecondsAgo = 0) {
  const windowStart = sql`now() - make_interval(secs => ${startedSecondsAgo})`;
  await db().insert(rateLimits).values({ key, windowStart, hits }).onConflictDoUpdate({ target: rateLimits.key, set: { hits, windowStart } });
}

const topicCount = async () => (await db().select({ n: count() }).from(topics))[0]!.n;

let member: TestMember;
let themeId: number;
beforeAll(async () => {
  member = await createMember("member");
  themeId = (await db().select().from(themes))[0]!.id;
});

afterEach(() => {
  delete process.env.RATE_LIMITS;
});

const proposal = (title: string): Form => ({ title, description: "Hvordan gjorde dere det?", theme: String(themeId), experienced: "" });

describe("topic proposals", () => {
  const key = () => `topicProposal:member:${member.id}`;

  it("allow the 30th in an hour and refuse the 31st with 429, Retry-After and the text kept, writing nothing", async () => {
    expect(LIMITS.topicProposalPerMember).toEqual({ limit: 30, windowSeconds: 3600 });
    await setCounter(key(), 29, 600);
    const thirtieth = await run(newTopic, "action", member, "/topics/new", OFFICE, proposal("Den trettiende"));
    expect(thirtieth.status).toBe(303);

    const before = await topicCount();
    const refused = await run(newTopic, "action", member, "/topics/new", OFFICE, proposal("Den trettiførste"));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    // The window began ten minutes ago: fifty minutes are left of it.
    expect(retryAfter).toBeGreaterThan(49 * 60);
    expect(retryAfter).toBeLessThanOrEqual(50 * 60);
    const reply = refused.data as { errors: { form?: string[] }; values: { title: string }; retryAfterMinutes: number };
    expect(reply.errors.form).toEqual(["limits.posting.other"]);
    expect(reply.retryAfterMinutes).toBe(Math.ceil(retryAfter / 60));
    expect(reply.values.title).toBe("Den trettiførste");
    expect(await topicCount()).toBe(before);
  });

  it("are allowed again once the window has passed", async () => {
    await setCounter(key(), 30, 3601);
    const allowed = await run(newTopic, "action", member, "/topics/new", OFFICE, proposal("En ny time"));
    expect(allowed.status).toBe(303);
    const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, key()));
    expect(row!.hits).toBe(1);
  });

  it("count only proposals that are saved: previews and refused forms are free", async () => {
    await setCounter(key(), 30, 0);
    const preview = await run(newTopic, "action", member, "/topics/new", OFFICE, { ...proposal("Bare forhåndsvisning"), intent: "preview" });
    expect(preview.status).toBe(200);
    const invalid = await run(newTopic, "action", member, "/topics/new", OFFICE, proposal(""));
    expect(invalid.status).toBe(400);
    const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, key()));
    expect(row!.hits).toBe(30);
  });

  it("are not counted with RATE_LIMITS=off", async () => {
    await setCounter(key(), 30, 0);
    process.env.RATE_LIMITS = "off";
    expect((await run(newTopic, "action", member, "/topics/new", OFFICE, proposal("Uten grenser"))).status).toBe(303);
  });
});

describe("search", () => {
  const searchAs = (viewer: TestMember | null, address = OFFICE) => run(searchPage, "loader", viewer, "/search?q=anskaffelse", address);

  it("refuses a visitor past the office address's limit with a 429 page that keeps the box, while each of twenty members there can search", async () => {
    await setCounter(`search:address:${OFFICE}`, LIMITS.searchPerAddress.limit, 30);
    const visitor = await searchAs(null);
    expect(visitor.status).toBe(429);
    expect(Number(visitor.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(visitor.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
    expect(visitor.data).toMatchObject({ text: "anskaffelse", searched: false, tooManyMinutes: 1 });

    const office = await Promise.all(Array.from({ length: 20 }, () => createMember("member", { municipalityNumber: "1804" })));
    const answers = await Promise.all(office.map((colleague) => searchAs(colleague)));
    expect(answers.map((a) => a.status)).toEqual(office.map(() => 200));
    expect(answers.every((a) => (a.data as { searched: boolean }).searched)).toBe(true);

    // A visitor elsewhere is not held up by the office.
    expect((await searchAs(null, "198.51.100.7")).status).toBe(200);
  });

  it("holds a member to their own limit without holding up a colleague behind the same address", async () => {
    const [busy, colleague] = [await createMember("member"), await createMember("member")];
    await setCounter(`search:member:${busy.id}`, LIMITS.searchPerMember.limit - 1, 0);
    expect((await searchAs(busy)).status).toBe(200);
    expect((await searchAs(busy)).status).toBe(429);
    expect((await searchAs(colleague)).status).toBe(200);
  });

  it("does not count the empty search page", async () => {
    const visitorAddress = "198.51.100.8";
    await run(searchPage, "loader", null, "/search", visitorAddress);
    const rows = await db().select().from(rateLimits).where(eq(rateLimits.key, `search:address:${visitorAddress}`));
    expect(rows).toEqual([]);
  });
});

describe("downloads", () => {
  it("answer a visitor past the address's limit with the 429 status page in their language and Retry-After", async () => {
    const address = "198.51.100.9";
    await setCounter(`download:address:${address}`, LIMITS.downloadPerAddress.limit, 60);
    const answer = await run(catalogueJson, "loader", null, "/solutions.json", address);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Content-Type")).toMatch(/^text\/html/);
    const retryAfter = Number(answer.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(8 * 60);
    expect(retryAfter).toBeLessThanOrEqual(9 * 60);
    const response = await catalogueJson.loader({ request: requestAs(null, "/solutions.json", { headers: { "Accept-Language": "en" } }), params: {}, context: contextFrom(address) }).catch((thrown: unknown) => thrown);
    expect(response).toBeInstanceOf(Response);
    const html = await (response as Response).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Too many requests");
  });

  it("count a signed-in member on their own, not on the address", async () => {
    const address = "198.51.100.10";
    await setCounter(`download:address:${address}`, LIMITS.downloadPerAddress.limit, 0);
    expect((await run(catalogueJson, "loader", member, "/solutions.json", address)).status).toBe(200);
  });
});
