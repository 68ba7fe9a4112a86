import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comments, experienceRevisions, experiences, notifications, themes } from "../../db/schema";
import { createMember, type TestMember } from "../../tests/helpers/members";
import {
  addCoAuthor,
  commentOnExperience,
  listExperiences,
  setFollow,
  updateExperience,
  writeExperience,
  type ExperienceInput,
} from "./experiences.server";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";

const input: ExperienceInput = {
  title: "Felles anskaffelse av trygghetsalarmer",
  summary: "Seks kommuner kjøpte sammen.",
  body: "Vi lærte **mye**.",
  themeIds: [],
  visibility: "public",
  municipalities: ["1804"],
  forumSessionId: null,
  agendaItemId: null,
  topicId: null,
  procurement: { procedure: "joint_procurement", year: 2024, suppliers: ["Leverandør AS"], valueBand: "1m_5m", partners: ["1804"], lessons: "Start tidligere." },
};

const summaryOf = (m: TestMember, role: ViewerSummary["role"] = "member"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber: "1833",
});

let author: TestMember;
let coAuthor: TestMember;
let follower: TestMember;
let procurementId: number;

beforeAll(async () => {
  [author, coAuthor, follower] = await Promise.all([createMember("member"), createMember("member"), createMember("member")]);
  [{ id: procurementId }] = (await db().select({ id: themes.id }).from(themes).where(eq(themes.slug, "procurement"))) as [{ id: number }];
});

describe("a write-up's life", () => {
  it("is published to its followers, edited by a co-author as a new revision, and refuses an edit on an old one", async () => {
    await setFollow(follower.id, { themeId: procurementId }, true);
    await setFollow(follower.id, { themeId: procurementId }, true);
    const written = await writeExperience({ id: author.id, municipalityNumber: "1833" }, { ...input, themeIds: [procurementId] }, true);
    const told = await db().select().from(notifications).where(eq(notifications.memberId, follower.id));
    expect(told.map((n) => n.kind)).toEqual(["experience_published"]);

    expect(await addCoAuthor(summaryOf(author), written.id, coAuthor.email.toUpperCase(), 10)).toEqual({ ok: true });
    const edited = await updateExperience(summaryOf(coAuthor), written.id, { ...input, body: "Vi lærte mer.", revision: 1, publish: false });
    expect(edited.ok).toBe(true);
    const stale = await updateExperience(summaryOf(author), written.id, { ...input, body: "Min versjon", revision: 1, publish: false });
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { bodyMd: "Vi lærte mer.", revision: 2, editorName: coAuthor.name } });
    const stranger = await createMember("member");
    expect(await updateExperience(summaryOf(stranger), written.id, { ...input, revision: 2, publish: false })).toEqual({ ok: false, reason: "forbidden" });
    const revisions = await db().select().from(experienceRevisions).where(eq(experienceRevisions.experienceId, written.id));
    expect(revisions.map((r) => [r.number, r.bodyMd])).toEqual([
      [1, "Vi lærte **mye**."],
      [2, "Vi lærte mer."],
    ]);
  });

  it("counts its comments in the database and lists by procedure only what the viewer may see", async () => {
    const open = await writeExperience({ id: author.id, municipalityNumber: "1833" }, input, true);
    const closed = await writeExperience({ id: author.id, municipalityNumber: "1833" }, { ...input, visibility: "members" }, true);
    const draft = await writeExperience({ id: author.id, municipalityNumber: "1833" }, input, false);
    await Promise.all(Array.from({ length: 5 }, () => commentOnExperience(summaryOf(follower), open.id, "Takk!")));
    expect(await commentOnExperience(summaryOf(follower), draft.id, "Nei")).toEqual({ ok: false, reason: "notFound" });
    const [row] = await db().select().from(experiences).where(eq(experiences.id, open.id));
    expect(row!.commentCount).toBe(5);
    await db().delete(comments).where(eq(comments.experienceId, open.id));
    expect((await db().select().from(experiences).where(eq(experiences.id, open.id)))[0]!.commentCount).toBe(0);

    const ids = async (viewer: ViewerSummary | null) =>
      (await listExperiences({ procedure: "joint_procurement", sort: "newest" }, 1, viewer)).experiences.map((e) => e.id);
    expect(await ids(null)).toContain(open.id);
    expect(await ids(null)).not.toContain(closed.id);
    expect(await ids(summaryOf(follower))).toContain(closed.id);
    expect(await ids(summaryOf(author))).not.toContain(draft.id);
    expect((await listExperiences({ procedure: "direct_award", sort: "newest" }, 1, null)).experiences.map((e) => e.id)).not.toContain(open.id);
  });
});
