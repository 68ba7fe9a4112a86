import { beforeAll, describe, expect, it } from "vitest";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createSolution } from "../helpers/solutions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { saveSummary } from "~/forum-sessions/summaries.server";
import { osloToday } from "~/lib/oslo-time.server";
import { changeRole, decideSignUp } from "~/members/members.server";
import type { ViewerSummary } from "~/members/rights";
import { confirmAdoption, recordAdoption } from "~/solutions/adoptions.server";
import * as auditPage from "~/routes/admin.audit";
import * as auditCsv from "~/routes/admin.audit[.csv]";

type Event = {
  id: number;
  at: string;
  when: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  href: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
};
type PageData = { events: Event[]; total: number; pageCount: number; page: number; choices: { actors: { id: number; name: string }[]; actions: string[] } };

const open = async (viewer: TestMember | null, query = "") => {
  const got = await outcome(() => auditPage.loader({ request: requestAs(viewer, `/admin/audit${query}`), params: {}, context: {} }) as Promise<unknown>);
  return { ...got, page: got.data as PageData };
};
const download = (viewer: TestMember | null, query = "") =>
  outcome(() => auditCsv.loader({ request: requestAs(viewer, `/admin/audit.csv${query}`), params: {}, context: {} }) as Promise<unknown>);

let roles: Awaited<ReturnType<typeof everyRole>>;
/** An admin whose name a spreadsheet would run as a formula. */
let formulaAdmin: TestMember;
let promoted: TestMember;
let toggled: TestMember;
let applicant: TestMember;
let heldSession: number;
let adopted: { solutionId: number; adoptionId: number };
const longSummary = `Vi ble enige om tre ting. ${"Mer tekst om hva vi ble enige om. ".repeat(10)}`;

beforeAll(async () => {
  roles = await everyRole();
  formulaAdmin = await createMember("admin", { name: "=1+2 Admin" });
  promoted = await createMember("member", { name: "Kari Promotert" });
  toggled = await createMember("member");
  applicant = await createMember("pending");
  await decideSignUp(roles.coordinator.id, applicant.id, "approved");
  heldSession = (await createForumSessionAs(roles.coordinator.id, "held", { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" })).id;
  await saveSummary(roles.coordinator.id, heldSession, { bodyMd: longSummary, version: 0, publish: true });
  // 55 role changes of one member: two pages of 50 when filtered to them.
  for (let i = 0; i < 55; i++) await changeRole(roles.admin.id, toggled.id, i % 2 === 0 ? "coordinator" : "member");
  // A coordinator records and confirms Bodø's adoption: audited, as another municipality's.
  const summary = (m: TestMember, role: "member" | "coordinator"): ViewerSummary => ({ id: m.id, name: m.name, role, status: "approved", municipalityNumber: "1833" });
  const coordinator = summary(roles.coordinator, "coordinator");
  const entry = await createSolution(summary(roles.member, "member"), coordinator, { name: "Digital postkasse" });
  const recorded = await recordAdoption(coordinator, entry.id, "1804", { state: "in_use", since: "2025-01-01", note: "", openToJointProcurement: false }, null);
  if (!recorded.ok) throw new Error("not recorded");
  await confirmAdoption(coordinator, recorded.adoption.id);
  adopted = { solutionId: entry.id, adoptionId: recorded.adoption.id };
  await changeRole(formulaAdmin.id, promoted.id, "coordinator");
});

describe("the audit log at /admin/audit", () => {
  it("shows an admin who did what to which target, newest first, with only the fields that changed", async () => {
    const { status, page } = await open(roles.admin);
    expect(status).toBe(200);
    expect(page.total).toBeGreaterThanOrEqual(58);
    const times = page.events.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    // The newest: the formula admin made Kari a coordinator.
    expect(page.events[0]).toMatchObject({
      actorId: formulaAdmin.id,
      actorName: "=1+2 Admin",
      actorRole: "admin",
      action: "member.role",
      subjectType: "member",
      subjectId: String(promoted.id),
      href: `/members/${promoted.id}`,
      targetName: "Kari Promotert",
      changes: [{ field: "role", before: "member", after: "coordinator" }],
    });
    expect(page.events[0]!.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(page.choices.actors.map((a) => a.id)).toEqual(expect.arrayContaining([roles.admin.id, roles.coordinator.id, formulaAdmin.id]));
    expect(page.choices.actions).toEqual(expect.arrayContaining(["member.approve", "member.role", "summary.publish"]));
  });

  it("shortens long texts and leaves out what a write did not change", async () => {
    const { page } = await open(roles.admin, `?action=summary.publish&type=summary&id=${heldSession}`);
    expect(page.total).toBe(1);
    const [event] = page.events;
    expect(event).toMatchObject({ actorId: roles.coordinator.id, actorRole: "coordinator", href: `/forum-sessions/${heldSession}` });
    const body = event!.changes.find((c) => c.field === "bodyMd")!;
    expect(body.before).toBeNull();
    expect(body.after).toHaveLength(120);
    expect(body.after!.endsWith("…")).toBe(true);
    expect(longSummary.startsWith(body.after!.slice(0, -1))).toBe(true);
  });

  it("names and links a target whose page is another's: an adoption, on its solution's page", async () => {
    const { page } = await open(roles.admin, `?type=adoption&id=${adopted.adoptionId}`);
    expect(page.events.map((e) => e.action)).toEqual(["adoption.confirm", "adoption.record"]);
    for (const event of page.events) expect(event).toMatchObject({ targetName: "Digital postkasse, Bodø", href: `/solutions/by-id/${adopted.solutionId}` });
    expect(page.events[1]!.changes).toEqual(expect.arrayContaining([{ field: "state", before: null, after: "in_use" }]));
  });

  it("filters by actor, action, target and date, and pages by 50", async () => {
    const byActor = await open(roles.admin, `?actor=${formulaAdmin.id}`);
    expect(byActor.page.events.map((e) => [e.actorId, e.subjectId])).toEqual([[formulaAdmin.id, String(promoted.id)]]);
    const approvals = await open(roles.admin, "?action=member.approve");
    expect(approvals.page.events.map((e) => e.subjectId)).toEqual([String(applicant.id)]);

    const first = await open(roles.admin, `?type=member&id=${toggled.id}`);
    expect(first.page).toMatchObject({ total: 55, pageCount: 2, page: 1 });
    expect(first.page.events).toHaveLength(50);
    const second = await open(roles.admin, `?type=member&id=${toggled.id}&page=2`);
    expect(second.page.events).toHaveLength(5);
    // The oldest change, last: member → coordinator.
    expect(second.page.events.at(-1)!.changes).toEqual([{ field: "role", before: "member", after: "coordinator" }]);
    expect(new Set([...first.page.events, ...second.page.events].map((e) => e.id)).size).toBe(55);

    const today = osloToday();
    const tomorrow = osloToday(new Date(Date.now() + 86_400_000));
    const yesterday = osloToday(new Date(Date.now() - 86_400_000));
    expect((await open(roles.admin, `?id=${toggled.id}&from=${today}&to=${today}`)).page.total).toBe(55);
    expect((await open(roles.admin, `?id=${toggled.id}&from=${tomorrow}`)).page.total).toBe(0);
    expect((await open(roles.admin, `?id=${toggled.id}&to=${yesterday}`)).page.total).toBe(0);
    // A filter that makes no sense is no filter.
    expect((await open(roles.admin, `?id=${toggled.id}&from=not-a-date&actor=x&page=-3`)).page).toMatchObject({ total: 55, page: 1 });
  });

  it("is kept by no cache", () => {
    const headers = new Headers(auditPage.headers!({} as Parameters<NonNullable<typeof auditPage.headers>>[0]));
    expect(headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("is for admins only: others are refused, anonymous visitors asked to sign in", async () => {
    for (const viewer of [roles.pending, roles.member, roles.coordinator]) {
      expect((await open(viewer)).status).toBe(403);
      expect((await download(viewer)).status).toBe(403);
    }
    expect((await open(null)).location).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await download(null)).location).toMatch(/^\/sign-in\?redirectTo=/);
  });
});

describe("the audit log as CSV", () => {
  it("has a header and one row per filtered event, with a formula made plain text", async () => {
    const got = await download(roles.admin, `?actor=${formulaAdmin.id}`);
    expect(got.status).toBe(200);
    const response = (await auditCsv.loader({ request: requestAs(roles.admin, `/admin/audit.csv?actor=${formulaAdmin.id}`), params: {}, context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="audit-log.csv"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const csv = await response.text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Når;Hvem;Rolle;Handling;Type mål;Målets id;Mål;Endringer");
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(";");
    expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.slice(1)).toEqual(["'=1+2 Admin", "Administrator", "member.role", "member", String(promoted.id), "Kari Promotert", "role: member → coordinator"]);
  });

  it("exports every filtered event, not one page", async () => {
    const response = (await auditCsv.loader({ request: requestAs(roles.admin, `/admin/audit.csv?id=${toggled.id}`), params: {}, context: {} })) as Response;
    expect((await response.text()).split("\r\n").filter(Boolean)).toHaveLength(56);
  });
});
