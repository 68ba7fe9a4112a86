import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { members, municipalities, registrations } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import { setFollow } from "~/experiences/experiences.server";
import { replaceCalendarToken } from "~/forum-sessions/calendar.server";
import { changeForumSessionStatus, cancelForumSession } from "~/forum-sessions/forum-sessions.server";
import { register } from "~/forum-sessions/registrations.server";
import { saveSummary } from "~/forum-sessions/summaries.server";
import { MY_PAGE_SHOWN } from "~/members/my-page";
import type { ViewerSummary } from "~/members/rights";
import { setEmailPreferences } from "~/notifications/notifications.server";
import * as mePage from "~/routes/me._index";
import * as profilePage from "~/routes/me.profile";
import { recordAdoption } from "~/solutions/adoptions.server";
import { getTopic, setSupport, triageTopic } from "~/topics/topics.server";

type Viewer = TestMember | null;
type Route = { loader?: unknown; action?: unknown };
type MyPage = Awaited<ReturnType<typeof mePage.loader>>;
type Reply = { errors: Record<string, string[]>; values: Record<string, string>; saved?: boolean; languageSaved?: boolean };

const ORIGIN = "https://forum.example.no";

beforeAll(() => {
  process.env.PUBLIC_URL = ORIGIN;
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

function call(handler: "loader" | "action", route: Route, viewer: Viewer, path: string, form?: Record<string, string>) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params: {}, context: { clientAddress: "192.0.2.9" } }));
}

async function myPage(viewer: TestMember): Promise<MyPage> {
  const result = await call("loader", mePage, viewer, "/me");
  expect(result.status).toBe(200);
  return result.data as MyPage;
}
const saveProfile = (viewer: Viewer, form: Record<string, string>) => call("action", profilePage, viewer, "/me/profile", form);
const memberRow = async (id: number) => (await db().select().from(members).where(eq(members.id, id)))[0]!;
const approved = (m: TestMember, municipalityNumber: string | null, role: ViewerSummary["role"] = "member"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber,
});
const idsOf = (list: readonly { id: number }[]) => list.map((item) => item.id);

let roles: Awaited<ReturnType<typeof everyRole>>;
/** The member whose page it is (Rana), and another (Bodø) whose things must never show on it. */
let me: TestMember;
let other: TestMember;

const fixture = {} as {
  upcoming: number;
  othersUpcoming: number;
  cancelled: number;
  held: number;
  draft: number;
  myTopic: number;
  myDeclinedTopic: number;
  othersTopic: number;
  othersSupportedByMe: number;
  declinedSupportedByMe: number;
  myPublished: number;
  myDraft: number;
  othersDraft: number;
  othersPublished: number;
  ranaSolution: string;
  bodoSolution: string;
  discontinuedSolution: string;
};

beforeAll(async () => {
  roles = await everyRole();
  me = await createMember("member", { name: "Mia Min", municipalityNumber: "1833" });
  other = await createMember("member", { name: "Ola Annen", municipalityNumber: "1804" });
  const coordinator = roles.coordinator.id;

  // Forum sessions: one coming I am registered for, one only the other is, one cancelled after I registered,
  // one held (with a published summary) and one a coordinator took back to draft with my registration in it.
  const upcoming = await createForumSessionAs(coordinator, "planned", { title: "Mitt kommende møte", startsAt: "2030-05-02T10:00", endsAt: "2030-05-02T12:00" });
  const othersUpcoming = await createForumSessionAs(coordinator, "planned", { title: "Den andres møte", startsAt: "2030-06-02T10:00", endsAt: "2030-06-02T12:00" });
  const cancelled = await createForumSessionAs(coordinator, "planned", { title: "Avlyst møte", startsAt: "2030-07-02T10:00", endsAt: "2030-07-02T12:00" });
  const held = await createForumSessionAs(coordinator, "planned", { title: "Holdt møte", startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" });
  const draft = await createForumSessionAs(coordinator, "draft", { title: "Hemmelig utkast", startsAt: "2030-08-02T10:00", endsAt: "2030-08-02T12:00" });
  for (const id of [upcoming.id, cancelled.id, held.id]) expect(await register(id, me.id)).toBe("registered");
  expect(await register(othersUpcoming.id, other.id)).toBe("registered");
  expect(await register(held.id, other.id)).toBe("registered");
  await db().insert(registrations).values({ forumSessionId: draft.id, memberId: me.id });
  await cancelForumSession(coordinator, cancelled.id, { reason: "" });
  expect((await changeForumSessionStatus(coordinator, held.id, "held")).ok).toBe(true);
  expect((await saveSummary(coordinator, held.id, { bodyMd: "Referat.", version: 0, publish: true })).ok).toBe(true);

  // Topics: mine (one declined), the other's, and which I support.
  const myTopic = await createTopicAs(me.id, { title: "Mitt tema om velferdsteknologi", municipalityNumber: "1833" });
  const myDeclined = await createTopicAs(me.id, { title: "Mitt avslåtte tema", municipalityNumber: "1833" });
  expect((await triageTopic(coordinator, myDeclined.id, { step: "decline", version: myDeclined.version, reason: "Dekket før." })).ok).toBe(true);
  const othersTopic = await createTopicAs(other.id, { title: "Den andres tema" });
  const othersSupported = await createTopicAs(other.id, { title: "Tema jeg støtter" });
  const declinedSupported = await createTopicAs(other.id, { title: "Avslått tema jeg støtter" });
  for (const id of [othersSupported.id, declinedSupported.id]) expect((await setSupport(me.id, id, true)).ok).toBe(true);
  expect((await setSupport(other.id, othersTopic.id, true)).ok).toBe(true);
  const { version } = (await getTopic(declinedSupported.id))!.topic;
  expect(await triageTopic(coordinator, declinedSupported.id, { step: "decline", version, reason: "Nei." })).toMatchObject({ ok: true });

  // Write-ups: a published one and a draft each.
  const myPublished = await createExperienceAs(me.id, { title: "Min publiserte erfaring", municipalityNumber: "1833" });
  const myDraft = await createExperienceAs(me.id, { title: "Mitt utkast", municipalityNumber: "1833", publish: false });
  const othersDraft = await createExperienceAs(other.id, { title: "Den andres utkast", publish: false });
  const othersPublished = await createExperienceAs(other.id, { title: "Den andres erfaring" });

  // Follows.
  await setFollow(me.id, { municipalityNumber: "0301" }, true);
  await setFollow(other.id, { municipalityNumber: "4601" }, true);

  // The catalogue: Rana uses one, Bodø another, Rana gave a third up.
  const proposer = approved(roles.member, "1833");
  const coordinatorSummary = approved(roles.coordinator, null, "coordinator");
  const ranaSolution = await createSolution(proposer, coordinatorSummary, { name: "Ranas digitale søknad" });
  const bodoSolution = await createSolution(proposer, coordinatorSummary, { name: "Bodøs digitale søknad" });
  const discontinued = await createSolution(proposer, coordinatorSummary, { name: "Oppgitt løsning" });
  const adoption = { note: "", openToJointProcurement: false };
  expect((await recordAdoption(approved(me, "1833"), ranaSolution.id, "1833", { ...adoption, state: "in_use", since: "2024-01-15" }, null)).ok).toBe(true);
  expect((await recordAdoption(approved(other, "1804"), bodoSolution.id, "1804", { ...adoption, state: "piloting", since: "2024-02-01" }, null)).ok).toBe(true);
  expect((await recordAdoption(approved(me, "1833"), discontinued.id, "1833", { ...adoption, state: "discontinued", since: "2024-03-01" }, null)).ok).toBe(true);

  Object.assign(fixture, {
    upcoming: upcoming.id,
    othersUpcoming: othersUpcoming.id,
    cancelled: cancelled.id,
    held: held.id,
    draft: draft.id,
    myTopic: myTopic.id,
    myDeclinedTopic: myDeclined.id,
    othersTopic: othersTopic.id,
    othersSupportedByMe: othersSupported.id,
    declinedSupportedByMe: declinedSupported.id,
    myPublished: myPublished.id,
    myDraft: myDraft.id,
    othersDraft: othersDraft.id,
    othersPublished: othersPublished.id,
    ranaSolution: ranaSolution.slug,
    bodoSolution: bodoSolution.slug,
    discontinuedSolution: discontinued.slug,
  });
});

describe("/me for an approved member", () => {
  it("asks an anonymous visitor to sign in, shows each signed-in member their own, and is never kept by a shared cache", async () => {
    expect(await call("loader", mePage, null, "/me")).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Fme" });
    for (const viewer of [roles.pending, roles.member, roles.coordinator, roles.admin]) {
      expect((await myPage(viewer)).member).toMatchObject({ id: viewer.id, email: viewer.email });
    }
    const headers = new Headers((mePage.headers as () => HeadersInit)());
    expect(headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("says who I am, without secrets", async () => {
    const page = await myPage(me);
    expect(page.member).toEqual({ id: me.id, name: "Mia Min", jobTitle: "Rådgiver", email: me.email, status: "approved", role: "member", language: "nb" });
    expect(page.workplace).toEqual({ municipality: { number: "1833", name: "Rana - Raane" }, organisation: null });
    expect(JSON.stringify(page)).not.toContain("passwordHash");
  });

  it("lists the forum sessions I am registered for: coming ones soonest first, past ones with their summary, never a draft or another's", async () => {
    const { registrations } = await myPage(me);
    expect(registrations!.upcoming.items.map((s) => [s.id, s.status])).toEqual([
      [fixture.upcoming, "planned"],
      [fixture.cancelled, "cancelled"],
    ]);
    expect(registrations!.past.items).toEqual([expect.objectContaining({ id: fixture.held, status: "held", hasSummary: true })]);
    const all = [...registrations!.upcoming.items, ...registrations!.past.items];
    expect(idsOf(all)).not.toContain(fixture.draft);
    expect(idsOf(all)).not.toContain(fixture.othersUpcoming);
    expect(JSON.stringify(registrations)).not.toContain("Hemmelig utkast");
    // The other member sees theirs and the held one they were at, none of mine.
    const theirs = (await myPage(other)).registrations!;
    expect(idsOf(theirs.upcoming.items)).toEqual([fixture.othersUpcoming]);
    expect(idsOf(theirs.past.items)).toEqual([fixture.held]);
  });

  it("shows my personal calendar address once I have made one, and only mine", async () => {
    expect((await myPage(me)).calendar).toBeNull();
    const token = await replaceCalendarToken(me.id);
    const { calendar } = await myPage(me);
    expect(calendar).toEqual({ feedUrl: `${ORIGIN}/calendar/${token}.ics`, webcalUrl: `webcal://forum.example.no/calendar/${token}.ics` });
    expect((await myPage(other)).calendar).toBeNull();
    expect(JSON.stringify(await myPage(other))).not.toContain(token);
  });

  it("lists the topics I proposed with status and support count, and the open ones I support", async () => {
    const page = await myPage(me);
    expect(page.proposed!.items).toEqual([
      { id: fixture.myDeclinedTopic, title: "Mitt avslåtte tema", status: "declined", supportCount: expect.any(Number) },
      { id: fixture.myTopic, title: "Mitt tema om velferdsteknologi", status: "proposed", supportCount: expect.any(Number) },
    ]);
    expect(page.proposed!.more).toBe(false);
    // The declined one I supported is no longer open; the other's topic I do not support is not mine.
    expect(page.supported!.items).toEqual([
      expect.objectContaining({ id: fixture.othersSupportedByMe, status: "proposed", supportCount: expect.any(Number) }),
    ]);
    const theirs = await myPage(other);
    expect(idsOf(theirs.proposed!.items).sort()).toEqual([fixture.othersTopic, fixture.othersSupportedByMe, fixture.declinedSupportedByMe].sort());
    expect(idsOf(theirs.supported!.items)).toEqual([fixture.othersTopic]);
  });

  it("lists my write-ups with my draft first, never another's draft or write-up", async () => {
    const page = await myPage(me);
    expect(page.experiences.map((e) => [e.id, e.status])).toEqual([
      [fixture.myDraft, "draft"],
      [fixture.myPublished, "published"],
    ]);
    expect(page.moreExperiences).toBe(false);
    expect(JSON.stringify(page)).not.toContain("Den andres utkast");
    expect(idsOf((await myPage(other)).experiences).sort()).toEqual([fixture.othersDraft, fixture.othersPublished].sort());
  });

  it("lists what I follow, not what the other follows", async () => {
    expect((await myPage(me)).follows).toEqual([expect.objectContaining({ municipalityNumber: "0301", municipalityName: "Oslo" })]);
    expect((await myPage(other)).follows).toEqual([expect.objectContaining({ municipalityNumber: "4601" })]);
  });

  it("lists my municipality's solutions with state and since, not another municipality's nor one it gave up", async () => {
    const { solutions } = await myPage(me);
    expect(solutions).toMatchObject({ of: "municipality", more: false });
    expect(solutions!.items).toEqual([expect.objectContaining({ slug: fixture.ranaSolution, state: "in_use", since: "2024-01-15" })]);
    expect((await myPage(other)).solutions!.items).toEqual([expect.objectContaining({ slug: fixture.bodoSolution, state: "piloting" })]);
  });

  it("shows an organisation's member the solutions it owns, accepted ones only", async () => {
    const supplier = await createOrganisation("supplier");
    const staff = await createMember("member", { organisationId: supplier.id });
    const proposer = approved(roles.member, "1833");
    const coordinatorSummary = approved(roles.coordinator, null, "coordinator");
    const owned = await createSolution(proposer, coordinatorSummary, { owner: { organisationId: supplier.id } });
    await createSolution(proposer, coordinatorSummary, { owner: { organisationId: supplier.id }, status: null, name: "Ikke godtatt ennå" });
    const page = await myPage(staff);
    expect(page.workplace.organisation).toEqual({ slug: supplier.slug, name: supplier.name });
    expect(page.solutions).toMatchObject({ of: "organisation", more: false });
    expect(page.solutions!.items.map((s) => s.slug)).toEqual([owned.slug]);
    // A member of neither a municipality nor an organisation (the cluster's own people) has no such section.
    expect((await myPage(await createMember("member", { municipalityNumber: null }))).solutions).toBeNull();
  });

  it("sums up my email choices for notifications", async () => {
    const page = await myPage(me);
    expect(page.email!.on).toBe(page.email!.of);
    await setEmailPreferences(me.id, ["summary_published", "topic_commented"]);
    expect((await myPage(me)).email).toEqual({ on: 2, of: page.email!.of });
    expect((await myPage(other)).email).toEqual({ on: page.email!.of, of: page.email!.of });
  });

  it("keeps every list short for a busy member, saying there are more", async () => {
    const busy = await createMember("member", { municipalityNumber: "1833" });
    for (let i = 0; i < MY_PAGE_SHOWN.proposed + 1; i++) await createTopicAs(busy.id, { municipalityNumber: "1833" });
    for (let i = 0; i < MY_PAGE_SHOWN.supported + 1; i++) await setSupport(busy.id, (await createTopicAs(other.id)).id, true);
    for (let i = 0; i < MY_PAGE_SHOWN.experiences + 1; i++) await createExperienceAs(busy.id, { municipalityNumber: "1833", publish: i % 2 === 0 });
    const places = await db().select({ number: municipalities.number }).from(municipalities).limit(MY_PAGE_SHOWN.follows + 1);
    for (const { number } of places) await setFollow(busy.id, { municipalityNumber: number }, true);
    for (let i = 0; i < MY_PAGE_SHOWN.upcoming + 1; i++) {
      const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: `2031-0${i + 1}-10T10:00`, endsAt: `2031-0${i + 1}-10T11:00` });
      await register(session.id, busy.id);
    }
    const page = await myPage(busy);
    expect(page.proposed).toMatchObject({ more: true });
    expect(page.proposed!.items).toHaveLength(MY_PAGE_SHOWN.proposed);
    expect(page.supported).toMatchObject({ more: true });
    expect(page.supported!.items).toHaveLength(MY_PAGE_SHOWN.supported);
    expect(page.experiences).toHaveLength(MY_PAGE_SHOWN.experiences);
    expect(page.moreExperiences).toBe(true);
    // Drafts first, whatever was written last.
    const statuses = page.experiences.map((e) => e.status);
    expect(statuses.slice(0, statuses.lastIndexOf("draft") + 1).every((s) => s === "draft")).toBe(true);
    expect(page.follows).toHaveLength(MY_PAGE_SHOWN.follows);
    expect(page.moreFollows).toBe(true);
    expect(page.registrations!.upcoming.items).toHaveLength(MY_PAGE_SHOWN.upcoming);
    expect(page.registrations!.upcoming.more).toBe(true);
    // What the page sends along is small: the whole page stays under 50 KB.
    expect(JSON.stringify(page).length).toBeLessThan(12_000);
  });
});

describe("/me for a pending or rejected member", () => {
  it("shows their status and where they work, but no member sections", async () => {
    const rejected = await createMember("rejected");
    for (const viewer of [roles.pending, rejected]) {
      const page = await myPage(viewer);
      expect(page.member).toMatchObject({ id: viewer.id, email: viewer.email });
      expect(page).toMatchObject({
        registrations: null,
        calendar: null,
        proposed: null,
        supported: null,
        experiences: [],
        follows: [],
        solutions: null,
        email: null,
      });
    }
  });
});

describe("/me/profile", () => {
  it("asks an anonymous visitor to sign in, and shows every signed-in member their own profile", async () => {
    expect(await call("loader", profilePage, null, "/me/profile")).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Fme%2Fprofile" });
    for (const viewer of [roles.pending, roles.member, roles.admin]) {
      const result = await call("loader", profilePage, viewer, "/me/profile");
      expect(result.status).toBe(200);
      expect((result.data as { member: { id: number } }).member.id).toBe(viewer.id);
      expect(JSON.stringify(result.data)).not.toContain("passwordHash");
    }
    expect(new Headers((profilePage.headers as () => HeadersInit)()).get("Cache-Control")).toBe("private, no-store");
  });

  it("refuses a profile edit by anonymous, pending and rejected with 403, writing nothing", async () => {
    const rejected = await createMember("rejected");
    for (const viewer of [null, roles.pending, rejected]) {
      const result = await saveProfile(viewer, { name: "Endret", jobTitle: "Endret", version: "1" });
      expect(result.status).toBe(403);
    }
    for (const viewer of [roles.pending, rejected]) expect((await memberRow(viewer.id)).name).not.toBe("Endret");
  });

  it("saves an approved member's name and job title, which My page then shows", async () => {
    const member = await createMember();
    const { version } = await memberRow(member.id);
    const result = await saveProfile(member, { name: "Ola Nordmann", jobTitle: "Digitaliseringsleder", version: String(version) });
    expect(result).toMatchObject({ status: 200, data: { saved: true } });
    expect(await memberRow(member.id)).toMatchObject({ name: "Ola Nordmann", jobTitle: "Digitaliseringsleder", version: version + 1 });
    expect((await myPage(member)).member).toMatchObject({ name: "Ola Nordmann", jobTitle: "Digitaliseringsleder" });
  });

  it("refuses a save from an older version with 409, showing the stored one", async () => {
    const member = await createMember();
    const { version } = await memberRow(member.id);
    await saveProfile(member, { name: "Først", jobTitle: "Rådgiver", version: String(version) });
    const stale = await saveProfile(member, { name: "Senere", jobTitle: "Rådgiver", version: String(version) });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ errors: { form: ["myPage.profile.stale"] }, values: { name: "Først", version: String(version + 1) } });
    expect((await memberRow(member.id)).name).toBe("Først");
  });

  it("refuses an empty or overlong name, or a missing job title, beside the field with 400", async () => {
    const member = await createMember();
    const before = await memberRow(member.id);
    for (const name of ["", "N".repeat(10_000)]) {
      const result = await saveProfile(member, { name, jobTitle: "Rådgiver", version: String(before.version) });
      expect(result.status).toBe(400);
      expect(Object.keys((result.data as Reply).errors)).toEqual(["name"]);
      expect((result.data as Reply).values.name).toBe(name);
    }
    const noTitle = await saveProfile(member, { name: "Ola", jobTitle: " ", version: String(before.version) });
    expect(noTitle.status).toBe(400);
    expect((noTitle.data as Reply).errors).toEqual({ jobTitle: ["form.required"] });
    expect(await memberRow(member.id)).toEqual(before);
  });

  it("lets any signed-in member, pending ones too, choose the language of their mail and calendar", async () => {
    for (const viewer of [await createMember("pending"), await createMember()]) {
      const saved = await saveProfile(viewer, { intent: "language", language: "en" });
      expect(saved).toMatchObject({ status: 200, data: { languageSaved: true } });
      expect((await memberRow(viewer.id)).language).toBe("en");
      expect((await myPage(viewer)).member.language).toBe("en");
    }
    const member = await createMember();
    const bad = await saveProfile(member, { intent: "language", language: "sv" });
    expect(bad.status).toBe(400);
    expect((await memberRow(member.id)).language).toBe("nb");
    expect((await saveProfile(null, { intent: "language", language: "en" })).status).toBe(403);
  });
});
