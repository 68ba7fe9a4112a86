import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, experienceSolutions, themes } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import type { ExperienceFormValues } from "~/experiences/experience-forms";
import type { ViewerSummary } from "~/members/rights";
import * as experiencePage from "~/routes/experiences.$id._index";
import * as editPage from "~/routes/experiences.$id.edit";
import * as newPage from "~/routes/experiences.new";
import * as agendaItemPage from "~/routes/forum-sessions.$id.agenda.$itemId";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import { forumSessionsOfSolution } from "~/solutions/links.server";
import { experiencesOfSolution } from "~/experiences/experiences.server";

type Form = Record<string, string | string[]>;
type Route = { loader?: unknown; action?: unknown };

function call(handler: "loader" | "action", route: Route, viewer: TestMember | null, path: string, params: Record<string, string> = {}, form?: Form) {
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request: requestAs(viewer, path, { form }), params, context: {} }));
}

const summaryOf = (m: TestMember, role: ViewerSummary["role"]): ViewerSummary => ({ id: m.id, name: m.name, role, status: "approved", municipalityNumber: "1833" });

let roles: Awaited<ReturnType<typeof everyRole>>;
let procurementTheme: string;
let accepted: Awaited<ReturnType<typeof createSolution>>;
let proposed: Awaited<ReturnType<typeof createSolution>>;

beforeAll(async () => {
  roles = await everyRole();
  procurementTheme = String((await db().select().from(themes).where(eq(themes.slug, "procurement")))[0]!.id);
  const member = summaryOf(roles.member, "member");
  const coordinator = summaryOf(roles.coordinator, "coordinator");
  accepted = await createSolution(member, coordinator, { name: `Digital søknad om redusert foreldrebetaling ${process.pid}` });
  proposed = await createSolution(member, coordinator, { status: null });
});

const writeUp = (overrides: Form = {}): Form => ({
  title: "Slik innførte vi digital søknad om redusert foreldrebetaling",
  summary: "Hva vi gjorde og lærte.",
  body: "Vi brukte **felleskomponenter**.",
  theme: procurementTheme,
  visibility: "public",
  intent: "publish",
  ...overrides,
});

describe("a write-up names the catalogue solutions it tells of", () => {
  it("links the ones named (any case, or by the slug), shows them on its page, and the solution lists it back", async () => {
    const written = await call("action", newPage, roles.member, "/experiences/new", {}, writeUp({ solutions: `\n${accepted.name.toUpperCase()}\n${accepted.slug}\n` }));
    expect(written.status).toBe(303);
    const id = Number(written.location!.split("/").pop());
    expect(await db().select().from(experienceSolutions).where(eq(experienceSolutions.experienceId, id))).toEqual([{ experienceId: id, solutionId: accepted.id }]);
    const page = await call("loader", experiencePage, null, `/experiences/${id}`, { id: String(id) });
    expect((page.data as { solutions: unknown[] }).solutions).toEqual([{ slug: accepted.slug, name: accepted.name, status: "pilot" }]);
    expect((await experiencesOfSolution(accepted.id, null)).map((e) => e.id)).toContain(id);

    const edit = await call("loader", editPage, roles.member, `/experiences/${id}/edit`, { id: String(id) });
    expect((edit.data as { values: ExperienceFormValues }).values.solutions).toBe(accepted.name);
  });

  it("refuses an unknown name or a proposal not yet accepted, beside the field, writing nothing", async () => {
    for (const solutions of ["Finnes ikke", proposed.name, Array.from({ length: 11 }, (_, i) => `Løsning ${i}`).join("\n")]) {
      const refused = await call("action", newPage, roles.member, "/experiences/new", {}, writeUp({ solutions, title: `Avvist ${solutions.length}` }));
      expect(refused.status).toBe(400);
      const reply = refused.data as { errors: Record<string, string[]>; values: ExperienceFormValues };
      expect(reply.errors.solutions).toHaveLength(1);
      expect(reply.values.solutions).toBe(solutions);
    }
  });

  it("is prefilled from a solution's page (?solution=<slug>), and an unknown slug is a blank form", async () => {
    const prefilled = await call("loader", newPage, roles.member, `/experiences/new?solution=${accepted.slug}`);
    expect((prefilled.data as { values: ExperienceFormValues }).values.solutions).toBe(accepted.name);
    const unknown = await call("loader", newPage, roles.member, `/experiences/new?solution=${proposed.slug}`);
    expect((unknown.data as { values: ExperienceFormValues }).values.solutions).toBe("");
  });

  it("an edit that leaves the field empty unlinks them", async () => {
    const experience = await createExperienceAs(roles.member.id, { solutionIds: [accepted.id] });
    const form = await call("loader", editPage, roles.member, `/experiences/${experience.id}/edit`, { id: String(experience.id) });
    const values = (form.data as { values: ExperienceFormValues }).values;
    const saved = await call("action", editPage, roles.member, `/experiences/${experience.id}/edit`, { id: String(experience.id) }, {
      ...writeUp({ title: values.title, summary: values.summary, body: values.body, intent: "save" }),
      revision: String(values.revision),
      solutions: "",
    });
    expect(saved.status).toBe(303);
    expect(await db().select().from(experienceSolutions).where(eq(experienceSolutions.experienceId, experience.id))).toEqual([]);
  });
});

describe("an agenda item names the solution it presented", () => {
  it("is set by name, shown on the forum session's agenda, lists the session on the solution, and an unknown name is a 400", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2030-05-14T09:00", endsAt: "2030-05-14T12:00" });
    const path = `/forum-sessions/${session.id}/agenda`;
    const params = { id: String(session.id) };
    const item = { intent: "add", startTime: "09:00", durationMinutes: "20", title: "Helgeland viser søknaden", presenterEmail: "", presenterName: "", presenterOrganisation: "", description: "" };
    const unknown = await call("action", agendaPage, roles.coordinator, path, params, { ...item, solution: "Finnes ikke" });
    expect(unknown.status).toBe(400);
    expect((unknown.data as { errors: Record<string, string[]> }).errors.solution).toEqual(["solutionLinks.unknownSolution"]);
    expect(await db().select().from(agendaItems).where(eq(agendaItems.forumSessionId, session.id))).toEqual([]);

    // A welcome first, so that the presenting item's id is not the session's (a query mixing them up would pass).
    expect((await call("action", agendaPage, roles.coordinator, path, params, { ...item, title: "Velkommen", durationMinutes: "5" })).status).toBeLessThan(400);
    const added = await call("action", agendaPage, roles.coordinator, path, params, { ...item, startTime: "09:05", solution: accepted.name.toLowerCase() });
    expect(added.status).toBeLessThan(400);
    const [stored] = await db().select().from(agendaItems).where(and(eq(agendaItems.forumSessionId, session.id), eq(agendaItems.solutionId, accepted.id)));
    expect(stored!.solutionId).toBe(accepted.id);

    const page = await call("loader", sessionPage, null, `/forum-sessions/${session.id}`, params);
    const agenda = (page.data as { agenda: { solutionSlug: string | null; solutionName: string | null }[] }).agenda;
    expect(agenda.map((a) => [a.solutionSlug, a.solutionName])).toEqual([
      [null, null],
      [accepted.slug, accepted.name],
    ]);
    expect((await forumSessionsOfSolution(accepted.id, null)).map((s) => [s.id, s.agendaItemTitle])).toContainEqual([session.id, "Helgeland viser søknaden"]);

    const edit = await call("loader", agendaItemPage, roles.coordinator, `${path}/${stored!.id}`, { ...params, itemId: String(stored!.id) });
    expect((edit.data as { values: { solution: string } }).values.solution).toBe(accepted.name);
  });
});
