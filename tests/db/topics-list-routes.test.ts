import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { themes, topics } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import * as listPage from "~/routes/topics._index";
import { topicListHref } from "~/topics/topic-list-query";
import { setSupport, triageTopic } from "~/topics/topics.server";

type Viewer = TestMember | null;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;

async function list(viewer: Viewer, query = "") {
  const request = requestAs(viewer, `/topics${query}`);
  const result = await outcome(() => listPage.loader({ request, params: {}, context: {} }));
  expect(result.status).toBe(200);
  return result.data as ListData;
}
const idsOf = (data: ListData) => data.topics.map((topic) => topic.id);

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
});

/** `count` members who support the topic. */
async function supportBy(topicId: number, count: number) {
  for (let i = 0; i < count; i++) expect((await setSupport((await createMember("member")).id, topicId, true)).ok).toBe(true);
}

describe("the list of topics", () => {
  it("is public: visitors, pending members and members see the same topics, counts and the total", async () => {
    const topic = await createTopicAs(roles.member.id, { municipalityNumber: "4204", themeIds: [themeId.procurement!] });
    await supportBy(topic.id, 2);
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator]) {
      const data = await list(viewer, "?municipality=4204");
      expect(data.total).toBe(1);
      expect(data.topics).toEqual([
        expect.objectContaining({ id: topic.id, title: topic.title, status: "proposed", supportCount: 2, municipalityName: "Kristiansand", themes: ["procurement"] }),
      ]);
    }
  });

  it("tells visitors to sign in, pending members to wait, and offers approved members to propose", async () => {
    expect((await list(null)).standing).toBe("anonymous");
    expect((await list(roles.pending)).standing).toBe("pending");
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await list(viewer)).standing).toBe("approved");
  });

  it("marks the topics the viewer supports", async () => {
    const supported = await createTopicAs(roles.coordinator.id, { municipalityNumber: "3905" });
    const other = await createTopicAs(roles.coordinator.id, { municipalityNumber: "3905" });
    await setSupport(roles.member.id, supported.id, true);
    const marks = async (viewer: Viewer) =>
      Object.fromEntries((await list(viewer, "?municipality=3905")).topics.map((topic) => [topic.id, topic.supported]));
    expect(await marks(roles.member)).toEqual({ [supported.id]: true, [other.id]: false });
    expect(await marks(null)).toEqual({ [supported.id]: false, [other.id]: false });
  });

  it("leaves merged topics out unless asked for by status", async () => {
    const kept = await createTopicAs(roles.member.id, { municipalityNumber: "1508" });
    const merged = await createTopicAs(roles.member.id, { municipalityNumber: "1508" });
    const declined = await createTopicAs(roles.member.id, { municipalityNumber: "1508" });
    expect((await triageTopic(roles.coordinator.id, merged.id, { step: "merge", version: merged.version, intoId: kept.id })).ok).toBe(true);
    expect((await triageTopic(roles.coordinator.id, declined.id, { step: "decline", version: declined.version, reason: "Dekket før." })).ok).toBe(true);
    expect(new Set(idsOf(await list(null, "?municipality=1508")))).toEqual(new Set([kept.id, declined.id]));
    expect(idsOf(await list(null, "?municipality=1508&status=merged"))).toEqual([merged.id]);
    expect(idsOf(await list(null, "?municipality=1508&status=declined"))).toEqual([declined.id]);
  });
});

describe("sorting", () => {
  it("puts the most supported first by default, newest by creation, recently active by last activity; ties newest first", async () => {
    const first = await createTopicAs(roles.member.id, { municipalityNumber: "1103" });
    const second = await createTopicAs(roles.member.id, { municipalityNumber: "1103" });
    const third = await createTopicAs(roles.member.id, { municipalityNumber: "1103" });
    const fourth = await createTopicAs(roles.member.id, { municipalityNumber: "1103" });
    await supportBy(second.id, 3);
    await supportBy(first.id, 1);
    // The oldest was active last: a comment, say.
    await db().update(topics).set({ lastActivityAt: new Date(Date.now() + 60_000) }).where(eq(topics.id, first.id));
    expect(idsOf(await list(null, "?municipality=1103"))).toEqual([second.id, first.id, fourth.id, third.id]);
    expect(idsOf(await list(null, "?municipality=1103&sort=supported"))).toEqual([second.id, first.id, fourth.id, third.id]);
    expect(idsOf(await list(null, "?municipality=1103&sort=newest"))).toEqual([fourth.id, third.id, second.id, first.id]);
    expect(idsOf(await list(null, "?municipality=1103&sort=active"))[0]).toBe(first.id);
  });
});

describe("filters", () => {
  it("filter by status, theme, municipality and county, together", async () => {
    const bodoProcurement = await createTopicAs(roles.member.id, { municipalityNumber: "1804", themeIds: [themeId.procurement!, themeId.leadership!] });
    const bodoPrevention = await createTopicAs(roles.member.id, { municipalityNumber: "1804", themeIds: [themeId.prevention!] });
    const ranaProcurement = await createTopicAs(roles.member.id, { municipalityNumber: "1833", themeIds: [themeId.procurement!] });
    const osloProcurement = await createTopicAs(roles.member.id, { municipalityNumber: "0301", themeIds: [themeId.procurement!] });
    await triageTopic(roles.coordinator.id, ranaProcurement.id, { step: "shortlist", version: ranaProcurement.version });
    const mine = [bodoProcurement.id, bodoPrevention.id, ranaProcurement.id, osloProcurement.id];
    const ids = async (query: string) => idsOf(await list(null, query)).filter((id) => mine.includes(id)).sort((x, y) => x - y);

    expect(await ids("?county=18")).toEqual([bodoProcurement.id, bodoPrevention.id, ranaProcurement.id]);
    expect(await ids("?municipality=1804")).toEqual([bodoProcurement.id, bodoPrevention.id]);
    expect(await ids("?county=18&municipality=1833")).toEqual([ranaProcurement.id]);
    expect(await ids("?county=18&theme=procurement")).toEqual([bodoProcurement.id, ranaProcurement.id]);
    expect(await ids("?theme=procurement&status=shortlisted")).toEqual([ranaProcurement.id]);
    expect(await ids("?county=03")).toEqual([osloProcurement.id]);
    const data = await list(null, "?county=18&theme=procurement");
    expect(data.topics.find((topic) => topic.id === bodoProcurement.id)?.themes).toEqual(["procurement", "leadership"]);
    // The municipality list offered is the chosen county's.
    expect(data.shownCounty).toBe("18");
    expect(data.municipalities).toContainEqual(["1804", "Bodø"]);
    expect(data.municipalities).not.toContainEqual(["0301", "Oslo"]);
    // The theme choices are the themes table's.
    expect(data.themes.map((theme) => theme.slug)).toEqual(expect.arrayContaining(Object.keys(themeId)));
  });

  it("a municipality outside the chosen county is dropped: the county was changed after it", async () => {
    const data = await list(null, "?county=03&municipality=1804");
    expect(data.filters).toEqual({ sort: "supported", countyNumber: "03" });
  });

  it.each([
    ["an unknown status", "?status=deleted"],
    ["an unknown sort", "?sort=oldest"],
    ["an unknown theme", "?theme=astrology"],
    ["an unknown county", "?county=99"],
    ["an unknown municipality", "?municipality=9999"],
    ["a malformed municipality", "?municipality=%27%3B--"],
    ["an unknown 'mine'", "?mine=everyone"],
    ["all of them at once", "?status=x&sort=y&theme=z&county=1&municipality=12345&mine=all&page=abc"],
  ])("ignores %s, as 'all', and shows the list", async (_label, query) => {
    const all = await list(null);
    const data = await list(null, query);
    expect(data.filters).toEqual({ sort: "supported" });
    expect(data.total).toBe(all.total);
    expect(idsOf(data)).toEqual(idsOf(all));
  });
});

describe("my topics and the topics I support", () => {
  it("shows an approved member the topics they proposed, and those they support", async () => {
    const proposer = await createMember("member");
    const proposed = await createTopicAs(proposer.id);
    const supportedByThem = await createTopicAs(roles.coordinator.id);
    await setSupport(proposer.id, supportedByThem.id, true);
    expect(idsOf(await list(proposer, "?mine=proposed"))).toEqual([proposed.id]);
    expect(idsOf(await list(proposer, "?mine=supported"))).toEqual([supportedByThem.id]);
    expect((await list(proposer, "?mine=proposed")).total).toBe(1);
  });

  it("is ignored for visitors and pending members: they see the whole list", async () => {
    const all = await list(null);
    for (const viewer of [null, roles.pending]) {
      for (const mine of ["proposed", "supported"]) {
        const data = await list(viewer, `?mine=${mine}`);
        expect(data.filters.mine).toBeUndefined();
        expect(data.total).toBe(all.total);
      }
    }
  });
});

describe("pages", () => {
  it("split a long list into pages of 20 in a stable order: every topic once, none twice", async () => {
    const member = await createMember("member", { municipalityNumber: "5501" });
    const created: number[] = [];
    for (let i = 0; i < 45; i++) created.push((await createTopicAs(member.id, { municipalityNumber: "5501" })).id);
    // Equal support everywhere: the order rests on the tie-break alone.
    const pages = await Promise.all([1, 2, 3].map((page) => list(null, `?municipality=5501&page=${page}`)));
    expect(pages.map((page) => page.topics.length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.pageCount)).toEqual([3, 3, 3]);
    const seen = pages.flatMap(idsOf);
    expect(seen).toEqual([...created].sort((a, b) => b - a));
    // Asked again, the same pages.
    expect(idsOf(await list(null, "?municipality=5501&page=2"))).toEqual(idsOf(pages[1]!));
  });

  it("keep the query in every page link: the list's address can be shared and read back", async () => {
    const member = await createMember("member", { municipalityNumber: "3201" });
    for (let i = 0; i < 21; i++) await createTopicAs(member.id, { municipalityNumber: "3201", themeIds: [themeId.competence!] });
    const first = await list(member, "?sort=newest&theme=competence&county=32&municipality=3201&status=proposed");
    const next = topicListHref(first.filters, 2);
    expect(next).toBe("/topics?sort=newest&status=proposed&theme=competence&county=32&municipality=3201&page=2");
    const second = await list(null, next.slice("/topics".length));
    expect(second.filters).toEqual(first.filters);
    expect(second.page).toBe(2);
    expect(second.topics).toHaveLength(1);
    expect(idsOf(second)).not.toContain(idsOf(first)[0]);
  });

  it("a page beyond the last is an empty page, and a bad page number is the first page, never an error", async () => {
    await createTopicAs(roles.member.id);
    const all = await list(null);
    for (const query of ["?page=1000000000", `?page=${all.pageCount + 1}`, "?page=99999999999999999999", "?page=1.5e400"]) {
      const data = await list(null, query);
      expect(data.topics, query).toEqual([]);
      expect(data.total, query).toBe(all.total);
    }
    for (const query of ["?page=-3", "?page=0", "?page=zwei"]) {
      expect(idsOf(await list(null, query)), query).toEqual(idsOf(all));
    }
  });
});
