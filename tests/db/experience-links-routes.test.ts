import type { MetaDescriptor } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Experience } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { addCoAuthor } from "~/experiences/experiences.server";
import { addAgendaItem, type AgendaItemInput } from "~/forum-sessions/agenda.server";
import { saveSummary } from "~/forum-sessions/summaries.server";
import * as followsRoute from "~/routes/follows";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import * as sessionList from "~/routes/forum-sessions._index";
import * as mePage from "~/routes/me._index";
import * as municipalityPage from "~/routes/municipalities.$number";
import * as topicPage from "~/routes/topics.$id._index";

type Viewer = TestMember | null;
type Handler = (args: never) => Promise<unknown>;

const ORIGIN = "https://forum.example.no";

beforeAll(() => {
  process.env.PUBLIC_URL = ORIGIN;
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

function call(handler: Handler, viewer: Viewer, path: string, params: Record<string, string>, form?: Record<string, string>) {
  const request = requestAs(viewer, path, { form });
  const run = handler as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}

async function data<T extends Handler>(loader: T, viewer: Viewer, path: string, params: Record<string, string> = {}) {
  const result = await call(loader, viewer, path, params);
  expect(result.status, path).toBe(200);
  return result.data as Awaited<ReturnType<T>>;
}

const sessionData = (viewer: Viewer, id: number) => data(sessionPage.loader, viewer, `/forum-sessions/${id}`, { id: String(id) });
const municipalityData = (viewer: Viewer, number: string) => data(municipalityPage.loader, viewer, `/municipalities/${number}`, { number });
const topicData = (viewer: Viewer, id: number) => data(topicPage.loader, viewer, `/topics/${id}`, { id: String(id) });
const meData = (viewer: TestMember) => data(mePage.loader, viewer, "/me");
const follow = (viewer: Viewer, form: Record<string, string>) => call(followsRoute.action, viewer, "/follows", {}, form);

const idsOf = (list: readonly { id: number }[]) => list.map((e) => e.id);

function agendaItem(title: string, presenterMemberId: number | null): AgendaItemInput {
  return { startOffsetMinutes: 0, durationMinutes: 30, title, presenterMemberId, presenterName: null, presenterOrganisation: null, description: "" };
}

let roles: Awaited<ReturnType<typeof everyRole>>;
let author: TestMember;
let presenter: TestMember;
let coAuthor: TestMember;
let held: { id: number };
let planned: { id: number };
let presentedItemId: number;
let topicId: number;
let publicOne: Experience;
let membersOnly: Experience;
let draft: Experience;
let osloCoAuthored: Experience;

beforeAll(async () => {
  roles = await everyRole();
  author = await createMember("member", { name: "Kari Skribent", municipalityNumber: "1804" });
  presenter = await createMember("member", { name: "Per Presentatør", municipalityNumber: "1804" });
  coAuthor = await createMember("member", { name: "Ola Medforfatter" });
  held = await createForumSessionAs(roles.coordinator.id, "held", { title: "Velferdsteknologi i praksis" });
  planned = await createForumSessionAs(roles.coordinator.id, "planned", { title: "Neste forummøte" });
  presentedItemId = (await addAgendaItem(roles.coordinator.id, held.id, agendaItem("Sensorer i hjemmetjenesten", presenter.id)))!.id;
  await addAgendaItem(roles.coordinator.id, held.id, agendaItem("Innledning", null));
  await addAgendaItem(roles.coordinator.id, planned.id, agendaItem("Kommende innlegg", presenter.id));
  topicId = (await createTopicAs(author.id)).id;
  const origin = { forumSessionId: held.id, topicId };
  publicOne = await createExperienceAs(author.id, { ...origin, title: "Åpen erfaring fra forummøtet" });
  membersOnly = await createExperienceAs(author.id, { ...origin, title: "Medlemserfaring fra forummøtet", visibility: "members" });
  draft = await createExperienceAs(author.id, { ...origin, title: "Utkast fra forummøtet", publish: false });
  osloCoAuthored = await createExperienceAs(author.id, { title: "Sammen med Oslo", municipalities: ["0301"] });
  const authorViewer = { id: author.id, name: author.name, role: "member" as const, status: "approved" as const, municipalityNumber: "1804" };
  expect(await addCoAuthor(authorViewer, draft.id, coAuthor.email, 5)).toEqual({ ok: true });
});

describe("a forum session's page", () => {
  it("lists the write-ups from it that the viewer may see: members-only ones for members, drafts for nobody", async () => {
    for (const viewer of [null, roles.pending]) {
      const page = await sessionData(viewer, held.id);
      expect(idsOf(page.experiences)).toEqual([publicOne.id]);
      expect(JSON.stringify(page)).not.toContain("Medlemserfaring");
    }
    for (const viewer of [roles.member, roles.coordinator, roles.admin, author, coAuthor]) {
      const page = await sessionData(viewer, held.id);
      expect(idsOf(page.experiences)).toEqual([publicOne.id, membersOnly.id]);
      expect(page.experiences[0]).toMatchObject({ title: "Åpen erfaring fra forummøtet", visibility: "public", municipalityName: "Bodø" });
      expect(JSON.stringify(page)).not.toContain("Utkast fra forummøtet");
    }
    expect((await sessionData(null, planned.id)).experiences).toEqual([]);
  });

  it("offers 'write up what you presented' on a held session to its presenter only", async () => {
    expect((await sessionData(presenter, held.id)).presented).toEqual([{ id: presentedItemId, title: "Sensorer i hjemmetjenesten" }]);
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, author]) {
      expect((await sessionData(viewer, held.id)).presented).toEqual([]);
    }
    // Not before the session is held.
    expect((await sessionData(presenter, planned.id)).presented).toEqual([]);
  });

  it("gets share meta once its summary is published, with an absolute address from PUBLIC_URL", async () => {
    const matches = [{ id: "root", data: { language: "nb" } }];
    const meta = (page: Awaited<ReturnType<typeof sessionData>>) =>
      (sessionPage.meta as unknown as (args: unknown) => MetaDescriptor[])({ matches, data: page, params: {}, location: {} });
    const before = await sessionData(null, held.id);
    expect(before.share).toBeNull();
    expect(meta(before).some((tag) => "property" in tag && tag.property === "og:title")).toBe(false);

    const saved = await saveSummary(roles.coordinator.id, held.id, { bodyMd: "## Hva vi lærte\n\nSensorer **virker** når [alle](https://example.no) er med.", version: 0, publish: true });
    expect(saved.ok).toBe(true);
    const after = await sessionData(null, held.id);
    expect(after.share).toEqual({
      title: "Velferdsteknologi i praksis",
      description: "Sensorer virker når alle (https://example.no) er med.",
      url: `${ORIGIN}/forum-sessions/${held.id}`,
    });
    const tags = meta(after);
    expect(tags).toContainEqual({ property: "og:title", content: "Velferdsteknologi i praksis" });
    expect(tags).toContainEqual({ property: "og:url", content: `${ORIGIN}/forum-sessions/${held.id}` });
    expect(tags).toContainEqual({ name: "twitter:card", content: "summary" });
    expect(tags).toContainEqual({ property: "og:site_name", content: "Kommuneforum" });
  });

  it("the forum sessions list links the summaries feed", () => {
    const tags = (sessionList.meta as unknown as (args: unknown) => MetaDescriptor[])({ matches: [{ id: "root", data: { language: "en" } }], params: {}, location: {} });
    expect(tags).toContainEqual(expect.objectContaining({ tagName: "link", rel: "alternate", type: "application/rss+xml", href: "/feeds/summaries.rss" }));
    expect(tags).toContainEqual(expect.objectContaining({ tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/feeds/summaries.atom", title: "Forum session summaries (Atom)" }));
  });
});

describe("a municipality's page", () => {
  it("lists its newest write-ups as the viewer may see them", async () => {
    for (const viewer of [null, roles.pending]) {
      const page = await municipalityData(viewer, "1804");
      expect(idsOf(page.experiences.shown)).toEqual([osloCoAuthored.id, publicOne.id]);
      expect(page.experiences.more).toBe(false);
      expect(JSON.stringify(page)).not.toContain("Medlemserfaring");
    }
    for (const viewer of [roles.member, roles.coordinator, author]) {
      const page = await municipalityData(viewer, "1804");
      expect(idsOf(page.experiences.shown)).toEqual([osloCoAuthored.id, membersOnly.id, publicOne.id]);
      expect(page.experiences.more).toBe(false);
      expect(JSON.stringify(page)).not.toContain("Utkast fra forummøtet");
    }
    // A co-authoring municipality's page lists it too.
    expect(idsOf((await municipalityData(null, "0301")).experiences.shown)).toEqual([osloCoAuthored.id]);
    expect(await municipalityData(null, "5001")).toMatchObject({ experiences: { shown: [], more: false } });
  });

  it("says whether the member follows it, and following and unfollowing through /follows changes that", async () => {
    expect(await municipalityData(null, "1804")).toMatchObject({ following: false, viewerState: "anonymous" });
    expect(await municipalityData(roles.pending, "1804")).toMatchObject({ following: false, viewerState: "pending" });
    expect(await municipalityData(roles.member, "1804")).toMatchObject({ following: false, viewerState: "member" });

    const followed = await follow(roles.member, { intent: "follow", municipality: "1804", redirectTo: "/municipalities/1804" });
    expect(followed).toMatchObject({ status: 303, location: "/municipalities/1804" });
    expect((await municipalityData(roles.member, "1804")).following).toBe(true);
    expect((await municipalityData(roles.coordinator, "1804")).following).toBe(false);
    // Twice is still one follow.
    await follow(roles.member, { intent: "follow", municipality: "1804", redirectTo: "/municipalities/1804" });
    expect((await meData(roles.member)).follows.filter((f) => f.municipalityNumber === "1804")).toHaveLength(1);

    const unfollowed = await follow(roles.member, { intent: "unfollow", municipality: "1804", redirectTo: "/municipalities/1804" });
    expect(unfollowed).toMatchObject({ status: 303, location: "/municipalities/1804" });
    expect((await municipalityData(roles.member, "1804")).following).toBe(false);
  });

  it("refuses following what does not exist (400), and anyone who may not follow (403)", async () => {
    const refused: Record<string, string>[] = [
      { intent: "follow", theme: "no-such-theme" },
      { intent: "follow", municipality: "9999" },
      { intent: "follow", municipality: "oslo" },
      { intent: "follow" },
      { intent: "befriend", municipality: "1804" },
    ];
    for (const form of refused) {
      expect((await follow(roles.member, form)).status, JSON.stringify(form)).toBe(400);
    }
    expect((await meData(roles.member)).follows).toEqual([]);
    for (const viewer of [null, roles.pending]) {
      expect((await follow(viewer, { intent: "follow", municipality: "1804" })).status).toBe(403);
    }
  });
});

describe("a topic's page", () => {
  it("lists the write-ups from the topic the viewer may see", async () => {
    for (const viewer of [null, roles.pending]) {
      expect(idsOf((await topicData(viewer, topicId)).experiences)).toEqual([publicOne.id]);
    }
    for (const viewer of [roles.member, roles.coordinator, author]) {
      const page = await topicData(viewer, topicId);
      expect(idsOf(page.experiences)).toEqual([publicOne.id, membersOnly.id]);
      expect(JSON.stringify(page)).not.toContain("Utkast fra forummøtet");
    }
  });

  it("offers approved members to write up an experience from it", async () => {
    expect((await topicData(null, topicId)).canWriteUp).toBe(false);
    expect((await topicData(roles.pending, topicId)).canWriteUp).toBe(false);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await topicData(viewer, topicId)).canWriteUp).toBe(true);
  });
});

describe("my page", () => {
  it("lists my write-ups, drafts first, as author or co-author; a draft appears nowhere else", async () => {
    const mine = await meData(author);
    expect(mine.experiences[0]).toMatchObject({ id: draft.id, status: "draft", title: "Utkast fra forummøtet" });
    expect(idsOf(mine.experiences).sort()).toEqual([publicOne.id, membersOnly.id, draft.id, osloCoAuthored.id].sort());
    expect(mine.experiences.filter((e) => e.status === "draft")).toHaveLength(1);
    expect(mine.experiences.find((e) => e.id === membersOnly.id)).toMatchObject({ status: "published", visibility: "members" });
    expect(idsOf((await meData(coAuthor)).experiences)).toEqual([draft.id]);
    for (const viewer of [roles.member, roles.coordinator, presenter]) expect((await meData(viewer)).experiences).toEqual([]);
    // A pending member has none to show, and nothing to follow yet.
    expect(await meData(roles.pending)).toMatchObject({ experiences: [], follows: [] });
  });

  it("lists what I follow, and stopping from there works", async () => {
    await follow(presenter, { intent: "follow", theme: "procurement", redirectTo: "/experiences" });
    await follow(presenter, { intent: "follow", municipality: "0301", redirectTo: "/municipalities/0301" });
    const follows = (await meData(presenter)).follows;
    expect(follows).toEqual([
      expect.objectContaining({ themeSlug: "procurement", themeNameNb: "Anskaffelser", municipalityNumber: null }),
      expect.objectContaining({ themeSlug: null, municipalityNumber: "0301", municipalityName: "Oslo" }),
    ]);
    expect(await follow(presenter, { intent: "unfollow", theme: "procurement", redirectTo: "/me" })).toMatchObject({ status: 303, location: "/me" });
    expect((await meData(presenter)).follows).toEqual([expect.objectContaining({ municipalityNumber: "0301" })]);
    // Following is one's own: another member's follows are untouched by it.
    expect((await meData(roles.member)).follows).toEqual([]);
  });
});
