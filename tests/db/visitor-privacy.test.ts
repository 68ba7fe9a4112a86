import { beforeAll, describe, expect, it } from "vitest";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import { register } from "~/forum-sessions/registrations.server";
import * as home from "~/routes/_index";
import * as experiencePage from "~/routes/experiences.$id._index";
import * as feeds from "~/routes/feeds.$feed";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import * as search from "~/routes/search";
import * as topicPage from "~/routes/topics.$id._index";
import { commentOnTopic } from "~/topics/topics.server";

/**
 * Decision 020: visitors see no person names, no member ids and no links to member pages; presenters by
 * municipality or organisation, registrations as a total. Members see names.
 */
type Viewer = TestMember | null;
type Loader = (args: never) => unknown;

async function load(loader: Loader, viewer: Viewer, path: string, params: Record<string, string> = {}) {
  const got = await outcome(async () => loader({ request: requestAs(viewer, path), params, context: { clientAddress: "192.0.2.8" } } as never));
  return { status: got.status, json: JSON.stringify(got.data) };
}

const NAMES = ["Presentør Personsen", "Forslag Stillersen", "Skribent Skrivesen", "Ekstern Foredragsholder"];
const expectNoPeople = (json: string, memberIds: number[]) => {
  for (const name of NAMES) expect(json).not.toContain(name);
  expect(json).not.toMatch(/\/members\/\d+/);
  expect(json).not.toMatch(new RegExp(`"(presenterMemberId|authorId|proposerId|memberId)":(${memberIds.join("|")})\\b`));
};

let member: TestMember;
let presenter: TestMember;
let proposer: TestMember;
let writer: TestMember;
let sessionId: number;
let topicId: number;
let experienceId: number;
beforeAll(async () => {
  const coordinator = await createMember("coordinator");
  member = await createMember("member");
  presenter = await createMember("member", { name: "Presentør Personsen", municipalityNumber: "1824" });
  proposer = await createMember("member", { name: "Forslag Stillersen", municipalityNumber: "1804" });
  writer = await createMember("member", { name: "Skribent Skrivesen", municipalityNumber: "1804" });
  const session = await createForumSessionAs(coordinator.id, "planned", { title: "Personvernmøtet" });
  sessionId = session.id;
  const item = { description: "", topicId: null, durationMinutes: 30 };
  await addAgendaItem(coordinator.id, session.id, { ...item, startOffsetMinutes: 0, title: "Innlegg fra Vefsn", presenterMemberId: presenter.id, presenterName: null, presenterOrganisation: null });
  await addAgendaItem(coordinator.id, session.id, { ...item, startOffsetMinutes: 30, title: "Innlegg fra KS", presenterMemberId: null, presenterName: "Ekstern Foredragsholder", presenterOrganisation: "KS" });
  await register(session.id, presenter.id);
  topicId = (await createTopicAs(proposer.id, { title: "Personvern i velferdsteknologi" })).id;
  const said = await commentOnTopic({ id: writer.id, name: writer.name }, topicId, "En kommentar om personvern.");
  if (!said.ok) throw new Error(said.reason);
  experienceId = (await createExperienceAs(writer.id, { title: "Personvern i praksis" })).id;
});

describe("what a visitor sees of people", () => {
  it("the forum session page: presenters by municipality or organisation, registrations as a total", async () => {
    const visitor = await load(sessionPage.loader, null, `/forum-sessions/${sessionId}`, { id: String(sessionId) });
    expect(visitor.status).toBe(200);
    expectNoPeople(visitor.json, [presenter.id]);
    expect(visitor.json).toContain('"presenterMunicipality":"Vefsn"');
    expect(visitor.json).toContain('"presenterOrganisation":"KS"');
    expect(visitor.json).toContain('"counts":{"total":1,"municipalities":1,"counties":[]}');
    const asMember = await load(sessionPage.loader, member, `/forum-sessions/${sessionId}`, { id: String(sessionId) });
    expect(asMember.json).toContain("Presentør Personsen");
    expect(asMember.json).toContain("Ekstern Foredragsholder");
    expect(asMember.json).toContain('"municipalityName":"Vefsn"');
  });

  it("the home page's next forum session", async () => {
    const visitor = await load(home.loader, null, "/");
    expect(visitor.status).toBe(200);
    expectNoPeople(visitor.json, [presenter.id]);
  });

  it("a topic page: the proposer's and commenters' municipality, not their names", async () => {
    const visitor = await load(topicPage.loader, null, `/topics/${topicId}`, { id: String(topicId) });
    expect(visitor.status).toBe(200);
    expectNoPeople(visitor.json, [proposer.id, writer.id]);
    expect(visitor.json).toContain("En kommentar om personvern.");
    const asMember = await load(topicPage.loader, member, `/topics/${topicId}`, { id: String(topicId) });
    expect(asMember.json).toContain("Forslag Stillersen");
    expect(asMember.json).toContain("Skribent Skrivesen");
  });

  it("a write-up page: no writers' names", async () => {
    const visitor = await load(experiencePage.loader, null, `/experiences/${experienceId}`, { id: String(experienceId) });
    expect(visitor.status).toBe(200);
    expectNoPeople(visitor.json, [writer.id]);
    const asMember = await load(experiencePage.loader, member, `/experiences/${experienceId}`, { id: String(experienceId) });
    expect(asMember.json).toContain("Skribent Skrivesen");
  });

  it("the feeds: entries by municipality", async () => {
    for (const feed of ["experiences.atom", "experiences.rss", "summaries.atom"]) {
      const response = (await feeds.loader({ request: requestAs(null, `/feeds/${feed}`), params: { feed }, context: {} } as never)) as Response;
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).not.toMatch(/\/members\/\d+/);
    }
  });

  it("search: no person is found by name", async () => {
    for (const q of ["Presentør Personsen", "Ekstern Foredragsholder", "Skribent Skrivesen", "personvern"]) {
      const visitor = await load(search.loader, null, `/search?q=${encodeURIComponent(q)}`);
      expect(visitor.status).toBe(200);
      // The page echoes the query; the results must hold nobody.
      const results = JSON.parse(visitor.json).results as { total: number };
      expectNoPeople(JSON.stringify(results), [presenter.id, proposer.id, writer.id]);
      if (q !== "personvern") expect(results.total).toBe(0);
    }
  });
});
