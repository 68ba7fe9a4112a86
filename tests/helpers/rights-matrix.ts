import { and, eq, gt, max } from "drizzle-orm";
import * as schema from "../../db/schema";
import { db } from "~/db.server";
import { expect, it } from "vitest";
import { databaseSnapshot } from "./database-snapshot";

export { databaseSnapshot };
import { outcome, requestAs, type Outcome, type TestMember } from "./members";
import { createAuthSession, generateSessionToken } from "~/members/auth-sessions.server";

/**
 * The columns of DESIGN.md's rights matrix, with "owner": an approved member who owns the row's resource
 * (their own member page, notification, calendar token…). Where nothing is owned, owner is another member.
 */
export const STANDINGS = ["anonymous", "pending", "member", "owner", "coordinator", "admin"] as const;
export type Who = (typeof STANDINGS)[number];
export type Viewers = Record<Who, TestMember | null>;

/**
 * What a standing gets: "ok" is a 2xx answer; a RegExp is a redirect on the success path, its Location
 * matching; "sign-in" is the redirect an anonymous reader of a member page gets; a number is any other
 * answer's status, a refusal's mostly. An action's "ok" or success redirect must have written something
 * (unless the row says it has nothing to write), and any other answer nothing.
 */
export type Expected = "ok" | RegExp | "sign-in" | 400 | 403 | 404 | 409 | 410 | 503;

type Form = Record<string, string | string[]>;
type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

export interface RightsRow<F> {
  /** The page or file as its user would name it, and what is done there. */
  what: string;
  route: { loader?: unknown; action?: unknown };
  handler: "loader" | "action";
  /** The path and route params, from the fixtures; `who` picks a target of its own for a write that succeeds. */
  at: (f: F, who: Who) => { path: string; params?: Record<string, string> };
  /** The body of an action's POST (empty when not given); read when the cell runs, so it may look up a current version. */
  form?: (f: F, who: Who) => Form | Promise<Form>;
  expect: Record<Who, Expected>;
  /** Standings whose allowed call has nothing to write (a language cookie, a sign-out with no session). */
  writesNothingFor?: readonly Who[];
  /**
   * The audit event's action that a coordinator's or admin's allowed write leaves, by them. Required of
   * an action only coordinators and admins may call (DESIGN.md: every such write is audited).
   */
  audit?: string;
}

const STAFF: readonly Who[] = ["coordinator", "admin"];
const isAllowed = (expected: Expected) => expected === "ok" || expected instanceof RegExp;

/** An action only coordinators and admins may call: one that must name its audit event. */
export function isStaffOnlyWrite(row: RightsRow<unknown>): boolean {
  if (STAFF.every((who) => row.writesNothingFor?.includes(who))) return false;
  return row.handler === "action" && STANDINGS.every((who) => isAllowed(row.expect[who]) === STAFF.includes(who));
}

const lastAuditId = async () => (await db().select({ id: max(schema.auditEvents.id) }).from(schema.auditEvents))[0]?.id ?? 0;

/**
 * Each cell signs in afresh, so that a cell which signs out or changes a password leaves the other
 * cells' sessions alone, and so that no session is old enough to be extended while it is looked up.
 */
async function signedInAgain(viewer: TestMember | null): Promise<TestMember | null> {
  if (!viewer) return null;
  const token = generateSessionToken();
  await createAuthSession(token, viewer.id);
  return { ...viewer, token };
}

function describeExpected(expected: Expected): string {
  if (expected === "ok") return "allowed";
  if (expected === "sign-in") return "asked to sign in";
  if (expected instanceof RegExp) return `sent on to ${expected.source.replaceAll("\\", "")}`;
  return expected < 500 ? `refused with ${expected}` : `answered ${expected}`;
}

function checkStatus(got: Outcome, expected: Expected) {
  const answer = { status: got.status, location: got.location };
  if (expected === "ok") expect(answer.status, JSON.stringify(answer)).toBeGreaterThanOrEqual(200);
  if (expected === "ok") expect(answer.status, JSON.stringify(answer)).toBeLessThan(300);
  if (expected === "sign-in") expect(answer).toMatchObject({ status: 302, location: expect.stringMatching(/^\/sign-in\?redirectTo=/) });
  if (expected instanceof RegExp) expect(answer).toMatchObject({ status: expect.toSatisfy((s: number) => s >= 300 && s < 400), location: expect.stringMatching(expected) });
  if (typeof expected === "number") expect(answer.status).toBe(expected);
}

/**
 * One test per cell: the row's loader or action called as each standing, with a real Request on the
 * real database. `world` is read when the cells run, after the test file's beforeAll has made it.
 */
export function rightsMatrix<F>(rows: readonly RightsRow<F>[], world: () => { viewers: Viewers; fixtures: F }) {
  const cells = rows.flatMap((row) =>
    STANDINGS.map((who) => [`${row.what}, as ${who}: ${describeExpected(row.expect[who])}`, { row, who }] as const),
  );
  it("names the audit event of every write only coordinators and admins may make", () => {
    expect(rows.filter((row) => isStaffOnlyWrite(row as RightsRow<unknown>) && !row.audit).map((row) => row.what)).toEqual([]);
  });
  it.each(cells)("%s", async (_, { row, who }) => {
    const { viewers, fixtures } = world();
    const viewer = await signedInAgain(viewers[who]);
    const { path, params = {} } = row.at(fixtures, who);
    const form = row.form ? await row.form(fixtures, who) : row.handler === "action" ? {} : undefined;
    const request = requestAs(viewer, path, { form });
    const handler = row.route[row.handler] as Handler | undefined;
    expect(handler, `${row.what} has no ${row.handler}`).toBeTypeOf("function");
    const before = row.handler === "action" ? await databaseSnapshot() : undefined;
    const auditedAfter = row.audit && STAFF.includes(who) ? await lastAuditId() : undefined;
    const got = await outcome(async () => handler!({ request, params, context: { clientAddress: "192.0.2.1" } }));
    const expected = row.expect[who];
    checkStatus(got, expected);
    if (!before) return;
    const after = await databaseSnapshot();
    const allowed = isAllowed(expected);
    if (allowed && !row.writesNothingFor?.includes(who)) expect(after, "an allowed write wrote nothing").not.toEqual(before);
    else expect(after).toEqual(before);
    if (allowed && auditedAfter !== undefined) {
      const { auditEvents } = schema;
      const events = await db()
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(gt(auditEvents.id, auditedAfter), eq(auditEvents.actorId, viewer!.id)));
      expect(events.map((e) => e.action), `an audit event ${row.audit} by the ${who}`).toContain(row.audit);
    }
  });
}
