import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { experiences, themes } from "../../db/schema";
import type { ProcurementProcedure } from "../../db/schema/experience-values";
import { createExperienceAs } from "../helpers/experiences";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { experienceListHref } from "~/experiences/experience-list-query";
import { commentOnExperience, setFollow, updateExperience, type ExperienceInput } from "~/experiences/experiences.server";
import type { ViewerSummary } from "~/members/rights";
import * as listPage from "~/routes/experiences._index";

type Viewer = TestMember | null;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;

async function list(viewer: Viewer, query = "") {
  const request = requestAs(viewer, `/experiences${query}`);
  const result = await outcome(() => listPage.loader({ request, params: {}, context: {} }));
  expect(result.status).toBe(200);
  return result.data as ListData;
}
const idsOf = (data: ListData) => data.experiences.map((experience) => experience.id);

const summaryOf = (member: TestMember, municipalityNumber = "1833"): ViewerSummary => ({
  id: member.id,
  name: member.name,
  role: "member",
  status: "approved",
  municipalityNumber,
});

const facts = (procedure: ProcurementProcedure): ExperienceInput["procurement"] => ({
  procedure,
  year: 2023,
  suppliers: ["Leverandør AS"],
  valueBand: "1m_5m",
  partners: [],
  lessons: "",
});

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
});

describe("what each viewer sees", () => {
  it("visitors and pending members see public write-ups only, in the rows and in the total; members see members-only ones too; drafts nobody", async () => {
    const open = await createExperienceAs(roles.member.id, { municipalityNumber: "1820" });
    const closed = await createExperienceAs(roles.member.id, { municipalityNumber: "1820", visibility: "members" });
    const draft = await createExperienceAs(roles.member.id, { municipalityNumber: "1820", publish: false });
    const closedDraft = await createExperienceAs(roles.member.id, { municipalityNumber: "1820", publish: false, visibility: "members" });

    for (const viewer of [null, roles.pending]) {
      const data = await list(viewer, "?municipality=1820");
      expect(idsOf(data)).toEqual([open.id]);
      expect(data.total).toBe(1);
      // Unfiltered too: the whole list and its count.
      const all = await list(viewer);
      expect(idsOf(all)).not.toContain(closed.id);
      expect(all.total).toBe((await db().select().from(experiences).where(eq(experiences.visibility, "public"))).filter((e) => e.status === "published").length);
    }
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      const data = await list(viewer, "?municipality=1820");
      expect(idsOf(data)).toEqual([closed.id, open.id]);
      expect(data.total).toBe(2);
      expect(data.experiences.find((e) => e.id === closed.id)?.membersOnly).toBe(true);
      expect(data.experiences.find((e) => e.id === open.id)?.membersOnly).toBe(false);
    }
    // Not even their authors find drafts in the list (they have "my write-ups" for that).
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) {
      const ids = idsOf(await list(viewer, "?municipality=1820"));
      expect(ids).not.toContain(draft.id);
      expect(ids).not.toContain(closedDraft.id);
    }
  });

  it("shows each row's title, summary, lead municipality, themes, procedure, published date and comment count", async () => {
    const written = await createExperienceAs(roles.member.id, {
      municipalityNumber: "1824",
      title: "Felles anskaffelse av trygghetsalarmer på Helgeland",
      summary: "Fem kommuner kjøpte sammen.",
      themeIds: [themeId.procurement!, themeId.collaboration!],
      procurement: facts("joint_procurement"),
    });
    expect((await commentOnExperience(summaryOf(roles.coordinator), written.id, "Takk for delingen!")).ok).toBe(true);
    const data = await list(null, "?municipality=1824");
    expect(data.experiences).toEqual([
      {
        id: written.id,
        title: "Felles anskaffelse av trygghetsalarmer på Helgeland",
        summary: "Fem kommuner kjøpte sammen.",
        membersOnly: false,
        publishedAt: written.publishedAt,
        updatedAt: expect.any(Date),
        commentCount: 1,
        municipalityName: "Vefsn",
        procedure: "joint_procurement",
        themes: ["procurement", "collaboration"],
      },
    ]);
  });

  it("offers approved members to write one, tells visitors to sign in and pending members to wait", async () => {
    expect((await list(null)).standing).toBe("anonymous");
    expect((await list(roles.pending)).standing).toBe("pending");
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await list(viewer)).standing).toBe("approved");
  });
});

describe("filters", () => {
  it("filter by theme, municipality (lead or co-authoring), county and procedure, together", async () => {
    const bodoProcurement = await createExperienceAs(roles.member.id, {
      municipalityNumber: "1804",
      themeIds: [themeId.procurement!],
      procurement: facts("framework_agreement"),
    });
    const bodoPrevention = await createExperienceAs(roles.member.id, { municipalityNumber: "1804", themeIds: [themeId.prevention!] });
    const ranaWithBodo = await createExperienceAs(roles.member.id, {
      municipalityNumber: "1833",
      municipalities: ["1804"],
      themeIds: [themeId.procurement!],
      procurement: facts("joint_procurement"),
    });
    const oslo = await createExperienceAs(roles.member.id, { municipalityNumber: "0301", themeIds: [themeId.procurement!], procurement: facts("joint_procurement") });
    const mine = [bodoProcurement.id, bodoPrevention.id, ranaWithBodo.id, oslo.id];
    const ids = async (query: string) =>
      idsOf(await list(null, query))
        .filter((id) => mine.includes(id))
        .sort((x, y) => x - y);

    expect(await ids("?municipality=1804")).toEqual([bodoProcurement.id, bodoPrevention.id, ranaWithBodo.id]);
    expect(await ids("?municipality=1833")).toEqual([ranaWithBodo.id]);
    expect(await ids("?county=18")).toEqual([bodoProcurement.id, bodoPrevention.id, ranaWithBodo.id]);
    expect(await ids("?county=03")).toEqual([oslo.id]);
    expect(await ids("?theme=prevention&county=18")).toEqual([bodoPrevention.id]);
    expect(await ids("?theme=procurement")).toEqual([bodoProcurement.id, ranaWithBodo.id, oslo.id]);
    expect(await ids("?procedure=joint_procurement")).toEqual([ranaWithBodo.id, oslo.id]);
    expect(await ids("?procedure=framework_agreement")).toEqual([bodoProcurement.id]);
    expect(await ids("?procedure=joint_procurement&county=18")).toEqual([ranaWithBodo.id]);
    expect(await ids("?procedure=joint_procurement&municipality=1804&theme=procurement")).toEqual([ranaWithBodo.id]);
    expect(await ids("?procedure=direct_award")).toEqual([]);

    const data = await list(null, "?county=18&municipality=1804&procedure=joint_procurement");
    expect(data.total).toBe(1);
    // The municipality list offered is the chosen county's.
    expect(data.shownCounty).toBe("18");
    expect(data.municipalities).toContainEqual(["1804", "Bodø"]);
    expect(data.municipalities).not.toContainEqual(["0301", "Oslo"]);
    expect(data.themes.map((theme) => theme.slug)).toEqual(expect.arrayContaining(Object.keys(themeId)));
  });

  it("a municipality outside the chosen county is dropped: the county was changed after it", async () => {
    const data = await list(null, "?county=03&municipality=1804");
    expect(data.filters).toEqual({ sort: "newest", countyNumber: "03" });
  });

  it.each([
    ["an unknown sort", "?sort=oldest"],
    ["an unknown theme", "?theme=astrology"],
    ["an unknown county", "?county=99"],
    ["an unknown municipality", "?municipality=9999"],
    ["a malformed municipality", "?municipality=%27%3B--"],
    ["an unknown procedure", "?procedure=bribery"],
    ["a procedure in capitals", "?procedure=OPEN_TENDER"],
    ["a property name", "?procedure=__proto__&theme=constructor&sort=toString"],
    ["a repeated parameter that is empty first", "?theme=&theme=procurement&county="],
    ["all of them at once", "?sort=y&theme=z&county=1&municipality=12345&procedure=x&page=abc"],
  ])("ignores %s, as 'all', and shows the list", async (_label, query) => {
    const all = await list(null);
    const data = await list(null, query);
    expect(data.filters).toEqual({ sort: "newest" });
    expect(data.total).toBe(all.total);
    expect(idsOf(data)).toEqual(idsOf(all));
  });
});

describe("sorting", () => {
  it("puts the newest first by default, the recently updated by their last edit, the most discussed by comments; ties newest first", async () => {
    const author = await createMember("member", { municipalityNumber: "3403" });
    const first = await createExperienceAs(author.id, { municipalityNumber: "3403" });
    const second = await createExperienceAs(author.id, { municipalityNumber: "3403" });
    const third = await createExperienceAs(author.id, { municipalityNumber: "3403" });
    // Published one after another, a moment apart: the order by date is the order written.
    await db().update(experiences).set({ publishedAt: new Date("2024-01-01T10:00:00Z"), updatedAt: new Date("2024-01-01T10:00:00Z") }).where(eq(experiences.id, first.id));
    await db().update(experiences).set({ publishedAt: new Date("2024-02-01T10:00:00Z"), updatedAt: new Date("2024-02-01T10:00:00Z") }).where(eq(experiences.id, second.id));
    await db().update(experiences).set({ publishedAt: new Date("2024-03-01T10:00:00Z"), updatedAt: new Date("2024-03-01T10:00:00Z") }).where(eq(experiences.id, third.id));

    const edited = await updateExperience(summaryOf(author, "3403"), first.id, {
      title: "Oppdatert",
      summary: "Ny oppsummering.",
      body: "Ny tekst.",
      themeIds: [],
      visibility: "public",
      municipalities: [],
      forumSessionId: null,
      agendaItemId: null,
      topicId: null,
      procurement: null,
      revision: 1,
      publish: false,
    });
    expect(edited.ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await commentOnExperience(summaryOf(roles.member), second.id, `Kommentar ${i}`)).ok).toBe(true);
    expect((await commentOnExperience(summaryOf(roles.member), third.id, "Én kommentar")).ok).toBe(true);

    expect(idsOf(await list(null, "?municipality=3403"))).toEqual([third.id, second.id, first.id]);
    expect(idsOf(await list(null, "?municipality=3403&sort=newest"))).toEqual([third.id, second.id, first.id]);
    expect(idsOf(await list(null, "?municipality=3403&sort=updated"))).toEqual([first.id, third.id, second.id]);
    expect(idsOf(await list(null, "?municipality=3403&sort=discussed"))).toEqual([second.id, third.id, first.id]);
  });
});

describe("following and feeds", () => {
  it("offers to follow the one theme or municipality the list is filtered by, and knows who already does", async () => {
    const follower = await createMember("member");
    await setFollow(follower.id, { themeId: themeId.preparedness! }, true);
    const byTheme = await list(follower, "?theme=preparedness");
    expect(byTheme.follow).toEqual({ theme: { slug: "preparedness", following: true }, municipality: null });
    expect((await list(follower, "?theme=competence")).follow.theme).toEqual({ slug: "competence", following: false });
    expect((await list(follower, "?municipality=1804")).follow).toEqual({ theme: null, municipality: { number: "1804", name: "Bodø", following: false } });
    expect((await list(follower)).follow).toEqual({ theme: null, municipality: null });
    // A county is many municipalities: nothing to follow.
    expect((await list(follower, "?county=18")).follow).toEqual({ theme: null, municipality: null });
    // Visitors are offered the form too (it asks them to sign in); nobody follows for them.
    expect((await list(null, "?theme=preparedness")).follow.theme).toEqual({ slug: "preparedness", following: false });
  });

  it("links the write-ups' feeds from the page's head, and the theme's when filtered by one", async () => {
    const matches = [{ id: "root", data: { language: "nb" }, params: {}, pathname: "/", meta: [], handle: undefined }];
    const metaOf = async (query: string) => {
      const data = await list(null, query);
      return listPage.meta({ matches, data, params: {}, location: { pathname: "/experiences", search: query, hash: "", state: null, key: "" } } as unknown as Parameters<
        typeof listPage.meta
      >[0]);
    };
    const alternates = (meta: Awaited<ReturnType<typeof metaOf>>) =>
      meta.filter((m) => "rel" in m && m.rel === "alternate").map((m) => [(m as { type: string }).type, (m as { href: string }).href]);
    expect(alternates(await metaOf(""))).toEqual([
      ["application/rss+xml", "/feeds/experiences.rss"],
      ["application/atom+xml", "/feeds/experiences.atom"],
    ]);
    expect(alternates(await metaOf("?theme=procurement&county=18"))).toEqual([
      ["application/rss+xml", "/feeds/experiences.rss"],
      ["application/atom+xml", "/feeds/experiences.atom"],
      ["application/rss+xml", "/feeds/themes/procurement/experiences.rss"],
      ["application/atom+xml", "/feeds/themes/procurement/experiences.atom"],
    ]);
    expect((await metaOf("")).find((m) => "title" in m)).toEqual({ title: "Erfaringer – Kommuneforum" });
  });
});

describe("pages", () => {
  it("split a long list into pages of 20 in a stable order: every write-up once, none twice", async () => {
    const member = await createMember("member", { municipalityNumber: "5501" });
    const created: number[] = [];
    for (let i = 0; i < 45; i++) created.push((await createExperienceAs(member.id, { municipalityNumber: "5501" })).id);
    // All published at one instant: the order rests on the tie-break alone.
    const at = new Date("2024-05-01T08:00:00Z");
    for (const id of created) await db().update(experiences).set({ publishedAt: at }).where(eq(experiences.id, id));
    const pages = await Promise.all([1, 2, 3].map((page) => list(null, `?municipality=5501&page=${page}`)));
    expect(pages.map((page) => page.experiences.length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.pageCount)).toEqual([3, 3, 3]);
    expect(pages.flatMap(idsOf)).toEqual([...created].sort((a, b) => b - a));
  });

  it("keep the query in every page link: the list's address can be shared and read back", async () => {
    const member = await createMember("member", { municipalityNumber: "3201" });
    for (let i = 0; i < 21; i++) {
      await createExperienceAs(member.id, { municipalityNumber: "3201", themeIds: [themeId.competence!], procurement: facts("open_tender") });
    }
    const first = await list(member, "?sort=updated&theme=competence&county=32&municipality=3201&procedure=open_tender");
    expect(first.total).toBe(21);
    const next = experienceListHref(first.filters, 2);
    expect(next).toBe("/experiences?sort=updated&theme=competence&county=32&municipality=3201&procedure=open_tender&page=2");
    const second = await list(null, next.slice("/experiences".length));
    expect(second.filters).toEqual(first.filters);
    expect(second.page).toBe(2);
    expect(second.experiences).toHaveLength(1);
    expect(idsOf(first)).not.toContain(idsOf(second)[0]);
  });

  it("a page beyond the last is an empty page, and a bad page number is the first page, never an error", async () => {
    await createExperienceAs(roles.member.id);
    const all = await list(null);
    for (const query of ["?page=1000000000", `?page=${all.pageCount + 1}`, "?page=99999999999999999999", "?page=1.5e400"]) {
      const data = await list(null, query);
      expect(data.experiences, query).toEqual([]);
      expect(data.total, query).toBe(all.total);
    }
    for (const query of ["?page=-3", "?page=0", "?page=zwei", "?page="]) {
      expect(idsOf(await list(null, query)), query).toEqual(idsOf(all));
    }
  });
});
