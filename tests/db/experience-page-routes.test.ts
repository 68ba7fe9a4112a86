import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { comments, experiences, notifications, themes } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { setCommentHidden } from "~/comments/comments.server";
import { db } from "~/db.server";
import { addCoAuthor, updateExperience, type ProcurementFacts } from "~/experiences/experiences.server";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import * as commentPage from "~/routes/comments.$id";
import * as experiencePage from "~/routes/experiences.$id._index";

type Viewer = TestMember | null;
type LoaderData = Awaited<ReturnType<typeof experiencePage.loader>>;
type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

function call(route: Route, handler: "loader" | "action", viewer: Viewer, path: string, params: Record<string, string>, options: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const request = requestAs(viewer, path, options);
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}
const load = (viewer: Viewer, id: number | string, headers?: Record<string, string>) =>
  call(experiencePage, "loader", viewer, `/experiences/${id}`, { id: String(id) }, { headers });
const post = (viewer: Viewer, id: number | string, form: Record<string, string>) =>
  call(experiencePage, "action", viewer, `/experiences/${id}?index`, { id: String(id) }, { form });
const page = async (viewer: Viewer, id: number) => {
  const result = await load(viewer, id);
  expect(result.status).toBe(200);
  return result.data as LoaderData;
};

const experienceRow = async (id: number) => (await db().select().from(experiences).where(eq(experiences.id, id)))[0]!;
const commentRows = async (id: number) => (await db().select({ n: count() }).from(comments).where(eq(comments.experienceId, id)))[0]!.n;
const noticesOf = (memberId: number, kind: "experience_commented" | "experience_co_author_added") =>
  db().select().from(notifications).where(and(eq(notifications.memberId, memberId), eq(notifications.kind, kind)));

/** The meta tags the route gives a loader's data, in the given interface language. */
const metaOf = (data: LoaderData, language: "nb" | "en" = "nb") =>
  (experiencePage.meta as unknown as (args: unknown) => Record<string, string>[])({
    data,
    matches: [{ id: "root", data: { language } }],
    params: {},
    location: { pathname: `/experiences/${data.experience.id}` },
  });
const property = (tags: Record<string, string>[], name: string) => tags.find((tag) => tag.property === name || tag.name === name)?.content;

let roles: Awaited<ReturnType<typeof everyRole>>;
let author: TestMember;
let coAuthor: TestMember;
const authorSummary = () => ({ id: author.id, name: author.name, role: "member" as const, status: "approved" as const, municipalityNumber: "1804" });

beforeAll(async () => {
  roles = await everyRole();
  author = await createMember("member", { name: "Kari Skribent", municipalityNumber: "1804" });
  coAuthor = await createMember("member", { name: "Ola Medforfatter", municipalityNumber: "1833" });
});

/** A write-up by the author with the co-author added, as the page's rights depend on both. */
async function writeUp(options: Parameters<typeof createExperienceAs>[1] = {}) {
  const experience = await createExperienceAs(author.id, options);
  expect(await addCoAuthor(authorSummary(), experience.id, coAuthor.email, 10)).toEqual({ ok: true });
  return experience;
}

describe("who may read a write-up's page", () => {
  const viewers = () => ({ anonymous: null, pending: roles.pending, member: roles.member, author, coAuthor, coordinator: roles.coordinator, admin: roles.admin });
  const expected = {
    public: { anonymous: 200, pending: 200, member: 200, author: 200, coAuthor: 200, coordinator: 200, admin: 200 },
    members: { anonymous: 404, pending: 404, member: 200, author: 200, coAuthor: 200, coordinator: 200, admin: 200 },
    draft: { anonymous: 404, pending: 404, member: 404, author: 200, coAuthor: 200, coordinator: 200, admin: 200 },
  } as const;

  it.each(["public", "members", "draft"] as const)("answers a %s write-up with 200 to those who may read it and 404 to everyone else", async (kind) => {
    const experience = await writeUp(kind === "members" ? { visibility: "members" } : kind === "draft" ? { publish: false } : {});
    const answers = Object.fromEntries(await Promise.all(Object.entries(viewers()).map(async ([who, viewer]) => [who, (await load(viewer, experience.id)).status])));
    expect(answers).toEqual(expected[kind]);
  });

  it("gives nothing of a draft away in its 404 (a members-only draft for a coordinator is still readable)", async () => {
    const draft = await writeUp({ publish: false, visibility: "members", title: "Hemmelig utkast om innkjøp" });
    const result = await load(roles.member, draft.id);
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.data ?? null)).not.toContain("Hemmelig");
    expect((await page(roles.coordinator, draft.id)).experience.title).toBe("Hemmelig utkast om innkjøp");
  });

  it.each(["99999999", "abc", "1.5", "-1", "9999999999", "0x10", "1 OR 1=1"])("is 404 for the id %j", async (id) => {
    expect((await load(null, id)).status).toBe(404);
    expect((await load(roles.coordinator, id)).status).toBe(404);
  });
});

describe("what the page shows", () => {
  it("shows title, summary, rendered body, municipalities (lead first), dates and revision count to every reader", async () => {
    const experience = await writeUp({ municipalities: ["1833", "0301"], body: "## Slik gjorde vi det\n\nVi startet med **tjue** pasienter." });
    for (const viewer of [null, roles.pending, roles.member]) {
      const data = await page(viewer, experience.id);
      expect(data.experience).toMatchObject({ id: experience.id, title: experience.title, summary: experience.summary, status: "published", visibility: "public", revision: 1 });
      expect(data.experience.bodyHtml).toContain("<h2");
      expect(data.experience.bodyHtml).toContain("<strong>tjue</strong>");
      expect(data.experience.publishedAt).toBeTruthy();
      expect(data.municipalities.map((m) => m.number)).toEqual(["1804", "0301", "1833"]);
      expect(data.municipalities[0]!.name).toBe("Bodø");
    }
  });

  it("names the author and co-authors to approved members only; visitors and pending members see municipalities", async () => {
    const experience = await writeUp();
    for (const viewer of [null, roles.pending]) {
      const data = await page(viewer, experience.id);
      expect(data.writers).toBeNull();
      expect(JSON.stringify(data)).not.toContain("Kari Skribent");
      expect(JSON.stringify(data)).not.toContain("Ola Medforfatter");
      expect(data.municipalities.map((m) => m.name)).toEqual(["Bodø"]);
    }
    for (const viewer of [roles.member, roles.coordinator]) {
      expect((await page(viewer, experience.id)).writers).toEqual([
        { name: "Kari Skribent", municipalityName: "Bodø", coAuthor: false },
        { name: "Ola Medforfatter", municipalityName: "Rana - Raane", coAuthor: true },
      ]);
    }
  });

  it("carries the procurement fact box's values and the themes", async () => {
    const [procurement] = await db().select().from(themes).where(eq(themes.slug, "procurement"));
    const facts: ProcurementFacts = {
      procedure: "joint_procurement",
      year: 2023,
      suppliers: ["Sikri", "Atea"],
      valueBand: "1m_5m",
      partners: ["1820", "1824"],
      lessons: "Vi ville tatt med brukerne tidligere.",
    };
    const experience = await writeUp({ themeIds: [procurement!.id], procurement: facts });
    const data = await page(null, experience.id);
    expect(data.procurement).toEqual({
      procedure: "joint_procurement",
      year: 2023,
      suppliers: ["Sikri", "Atea"],
      valueBand: "1m_5m",
      partners: [
        { number: "1820", name: "Alstahaug" },
        { number: "1824", name: "Vefsn" },
      ],
      lessons: "Vi ville tatt med brukerne tidligere.",
    });
    expect(data.themes).toEqual([expect.objectContaining({ slug: "procurement" })]);
    expect((await page(null, (await writeUp()).id)).procurement).toBeNull();
  });

  it("shows where it came from: the forum session, its agenda item and the topic", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "held", { title: "Forummøte om velferdsteknologi" });
    const item = await addAgendaItem(roles.coordinator.id, session.id, {
      startOffsetMinutes: 0,
      durationMinutes: 30,
      title: "Felles innkjøp på Helgeland",
      presenterMemberId: author.id,
      presenterName: null,
      presenterOrganisation: null,
      description: "",
    });
    const topic = await createTopicAs(roles.member.id);
    const experience = await writeUp({ forumSessionId: session.id, agendaItemId: item!.id, topicId: topic.id });
    const data = await page(null, experience.id);
    expect(data.origin).toEqual({
      forumSession: { id: session.id, title: "Forummøte om velferdsteknologi", startsAt: expect.anything() },
      agendaItem: { id: item!.id, title: "Felles innkjøp på Helgeland", forumSessionId: session.id },
      topic: { id: topic.id, title: topic.title },
    });
  });

  it("names a draft forum session it came from to coordinators only", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft", { title: "Hemmelig forummøte" });
    const experience = await writeUp({ forumSessionId: draft.id });
    for (const viewer of [null, roles.member]) {
      const data = await page(viewer, experience.id);
      expect(data.origin.forumSession).toMatchObject({ id: draft.id, title: null });
      expect(JSON.stringify(data)).not.toContain("Hemmelig forummøte");
    }
    expect((await page(roles.coordinator, experience.id)).origin.forumSession).toMatchObject({ title: "Hemmelig forummøte" });
  });

  it("offers edit to its writers and coordinators, and the co-authors page to them too; history to everyone", async () => {
    const experience = await writeUp();
    const expected = [
      [null, "anonymous", false, false],
      [roles.pending, "pending", false, false],
      [roles.member, "member", false, false],
      [author, "member", true, true],
      [coAuthor, "member", true, true],
      [roles.coordinator, "member", true, true],
      [roles.admin, "member", true, true],
    ] as const;
    for (const [viewer, viewerState, canEdit, canSeeCoAuthors] of expected) {
      expect(await page(viewer, experience.id)).toMatchObject({ viewerState, canEdit, canSeeCoAuthors, experience: { revision: 1 } });
    }
  });

  it("counts the revisions and shows when a published write-up was last changed", async () => {
    const experience = await writeUp();
    const first = await page(null, experience.id);
    expect(first.experience.updatedAt).toEqual(first.experience.publishedAt);
    const edited = await updateExperience({ ...authorSummary(), id: coAuthor.id, name: coAuthor.name }, experience.id, {
      title: experience.title,
      summary: "En bedre oppsummering.",
      body: "Ny tekst.",
      themeIds: [],
      visibility: "public",
      municipalities: [],
      forumSessionId: null,
      agendaItemId: null,
      topicId: null,
      procurement: null,
      revision: 1,
      publish: true,
    });
    expect(edited.ok).toBe(true);
    const second = await page(null, experience.id);
    expect(second.experience).toMatchObject({ revision: 2, summary: "En bedre oppsummering." });
    expect(new Date(second.experience.updatedAt).getTime()).toBeGreaterThan(new Date(second.experience.publishedAt!).getTime());
  });

  it("marks a draft as such and leaves comments out of it", async () => {
    const draft = await writeUp({ publish: false });
    const data = await page(author, draft.id);
    expect(data.experience).toMatchObject({ status: "draft", publishedAt: null });
    expect(data.comments).toBeNull();
    expect(data.share).toBeNull();
  });
});

describe("sharing a write-up (Open Graph and Twitter card)", () => {
  const saved = process.env.PUBLIC_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = saved;
  });

  it("gives a published public write-up its title, summary and absolute address from PUBLIC_URL, not the request's Host", async () => {
    process.env.PUBLIC_URL = "https://forum.kommune.no";
    const experience = await writeUp({ title: "Felles innkjøp av trygghetsalarmer", summary: "Ni kommuner kjøpte sammen." });
    const result = await load(null, experience.id, { Host: "evil.example", "X-Forwarded-Host": "evil.example" });
    expect(result.status).toBe(200);
    const data = result.data as LoaderData;
    expect(data.share).toEqual({ url: `https://forum.kommune.no/experiences/${experience.id}` });
    for (const language of ["nb", "en"] as const) {
      const tags = metaOf(data, language);
      expect(property(tags, "og:title")).toBe("Felles innkjøp av trygghetsalarmer");
      expect(property(tags, "og:description")).toBe("Ni kommuner kjøpte sammen.");
      expect(property(tags, "og:url")).toBe(`https://forum.kommune.no/experiences/${experience.id}`);
      expect(property(tags, "og:site_name")).toBe("Kommuneforum");
      expect(property(tags, "twitter:card")).toBe("summary");
      expect(property(tags, "twitter:title")).toBe("Felles innkjøp av trygghetsalarmer");
      expect(tags.find((tag) => "title" in tag)?.title).toContain("Felles innkjøp av trygghetsalarmer");
    }
    expect(JSON.stringify(data)).not.toContain("evil.example");
  });

  it("offers no preview of a members-only write-up or a draft, even to those who may read them", async () => {
    const membersOnly = await writeUp({ visibility: "members" });
    const draft = await writeUp({ publish: false });
    for (const [viewer, id] of [[roles.member, membersOnly.id], [author, draft.id]] as const) {
      const data = await page(viewer, id);
      expect(data.share).toBeNull();
      const tags = metaOf(data);
      expect(tags.some((tag) => tag.property?.startsWith("og:") || tag.name?.startsWith("twitter:") || tag.name === "description")).toBe(false);
      expect(tags.find((tag) => "title" in tag)).toBeTruthy();
    }
  });
});

describe("commenting on a write-up", () => {
  it("stores a member's comment, goes to it (303), counts it and tells the author and co-author", async () => {
    const experience = await writeUp();
    const result = await post(roles.member, experience.id, { intent: "comment", body: "Vi i **Rana** vil gjøre det samme." });
    expect(result.status).toBe(303);
    const [stored] = await db().select().from(comments).where(eq(comments.experienceId, experience.id));
    expect(stored).toMatchObject({ authorId: roles.member.id, bodyMd: "Vi i **Rana** vil gjøre det samme.", topicId: null });
    expect(result.location).toBe(`/experiences/${experience.id}#comment-${stored!.id}`);
    expect((await experienceRow(experience.id)).commentCount).toBe(1);

    for (const writer of [author, coAuthor]) {
      const notices = await noticesOf(writer.id, "experience_commented");
      expect(notices.filter((n) => n.url === `/experiences/${experience.id}#comment-${stored!.id}`)).toHaveLength(1);
    }
    expect(await noticesOf(roles.member.id, "experience_commented")).toHaveLength(0);

    const visitor = await page(null, experience.id);
    expect(visitor.comments).toMatchObject({ total: 1, page: 1, moderator: false });
    expect(visitor.comments!.comments[0]).toMatchObject({ id: stored!.id, authorName: null, editable: false });
    expect(visitor.comments!.comments[0]!.bodyHtml).toContain("<strong>Rana</strong>");
    expect((await page(roles.member, experience.id)).comments!.comments[0]).toMatchObject({ authorName: roles.member.name, editable: true });
  });

  it("refuses visitors and pending members with 403, writing nothing", async () => {
    const experience = await writeUp();
    const membersOnly = await writeUp({ visibility: "members" });
    for (const id of [experience.id, membersOnly.id]) {
      for (const viewer of [null, roles.pending]) {
        expect((await post(viewer, id, { intent: "comment", body: "Hei!" })).status).toBe(403);
      }
      expect(await commentRows(id)).toBe(0);
      expect((await experienceRow(id)).commentCount).toBe(0);
    }
  });

  it("lets members comment on a members-only write-up", async () => {
    const membersOnly = await writeUp({ visibility: "members" });
    expect((await post(roles.member, membersOnly.id, { intent: "comment", body: "Nyttig." })).status).toBe(303);
    expect((await experienceRow(membersOnly.id)).commentCount).toBe(1);
  });

  it("refuses a comment on a draft: 409 for its writers, 404 for everyone else, writing nothing", async () => {
    const draft = await writeUp({ publish: false });
    const refused = await post(author, draft.id, { intent: "comment", body: "For tidlig" });
    expect(refused.status).toBe(409);
    expect((refused.data as { comment: { errors: Record<string, string[]> } }).comment.errors.form).toEqual(["comments.closed"]);
    expect((await post(roles.member, draft.id, { intent: "comment", body: "For tidlig" })).status).toBe(404);
    expect(await commentRows(draft.id)).toBe(0);
    expect(await noticesOf(author.id, "experience_commented").then((n) => n.filter((x) => x.url.startsWith(`/experiences/${draft.id}#`)))).toHaveLength(0);
  });

  it("refuses an empty comment beside the field with 400, and is 404 for an unknown write-up and 400 for an unknown intent", async () => {
    const experience = await writeUp();
    const empty = await post(roles.member, experience.id, { intent: "comment", body: "  " });
    expect(empty.status).toBe(400);
    expect((empty.data as { comment: { errors: Record<string, string[]> } }).comment.errors.body).toEqual(["form.required"]);
    expect((await post(roles.member, 99_999_999, { intent: "comment", body: "Hei" })).status).toBe(404);
    expect((await post(roles.member, experience.id, { intent: "boost" })).status).toBe(400);
    expect(await commentRows(experience.id)).toBe(0);
  });

  it("shows a hidden comment as a placeholder with the reason, and its own page leads back to the write-up", async () => {
    const experience = await writeUp();
    const posted = await post(roles.member, experience.id, { intent: "comment", body: "Kjøp hos oss! Ring 12345678." });
    const commentId = Number(posted.location!.split("#comment-")[1]);
    await setCommentHidden(roles.coordinator.id, commentId, { hidden: true, reason: "Reklame." });
    for (const viewer of [null, roles.member]) {
      const shown = (await page(viewer, experience.id)).comments!.comments[0]!;
      expect(shown).toMatchObject({ id: commentId, bodyHtml: null, hiddenReason: "Reklame." });
      expect(shown.hiddenAt).toBeTruthy();
    }
    expect((await page(roles.coordinator, experience.id)).comments!.comments[0]!.bodyHtml).toContain("Kjøp hos oss");
    const own = await call(commentPage, "loader", roles.coordinator, `/comments/${commentId}`, { id: String(commentId) });
    expect(own.status).toBe(200);
    expect((own.data as { backTo: string }).backTo).toBe(`/experiences/${experience.id}#comment-${commentId}`);
  });
});
