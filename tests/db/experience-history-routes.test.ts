import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createExperienceAs } from "../helpers/experiences";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { addCoAuthor, updateExperience, type ExperienceInput } from "~/experiences/experiences.server";
import type { DiffPart } from "~/experiences/revision-diff";
import { DiffText } from "~/experiences/revision-diff-view";
import type { ViewerSummary } from "~/members/rights";
import * as historyPage from "~/routes/experiences.$id.history";

type Viewer = TestMember | null;
type HistoryData = Awaited<ReturnType<typeof historyPage.loader>>;

function load(viewer: Viewer, id: number | string, query = "") {
  const request = requestAs(viewer, `/experiences/${id}/history${query}`);
  return outcome(() => historyPage.loader({ request, params: { id: String(id) }, context: {} }));
}
async function history(viewer: Viewer, id: number, query = "") {
  const result = await load(viewer, id, query);
  expect(result.status).toBe(200);
  return result.data as HistoryData;
}

const summaryOf = (member: TestMember, role: ViewerSummary["role"] = "member"): ViewerSummary => ({
  id: member.id,
  name: member.name,
  role,
  status: "approved",
  municipalityNumber: "1804",
});

const base: ExperienceInput = {
  title: "Trygghetsalarmer i Bodø",
  summary: "Hvordan vi byttet til digitale trygghetsalarmer.",
  body: "Vi lærte **mye** av piloten.\n\nNeste år skal vi gjøre mer.",
  themeIds: [],
  visibility: "public",
  municipalities: [],
  forumSessionId: null,
  agendaItemId: null,
  topicId: null,
  procurement: null,
};

/** Saves an edit as the next revision, as the edit page does. */
async function edit(editor: ViewerSummary, id: number, revision: number, changes: Partial<ExperienceInput>) {
  const result = await updateExperience(editor, id, { ...base, ...changes, revision, publish: false });
  expect(result.ok).toBe(true);
}

const labels = {
  addedStart: "Lagt til: ",
  addedEnd: " Slutt på tillegg. ",
  removedStart: "Fjernet: ",
  removedEnd: " Slutt på fjerning. ",
  gap: (count: number) => `[${count} tegn utelatt]`,
};
const render = (parts: readonly DiffPart[]) => renderToStaticMarkup(createElement(DiffText, { parts, labels }));
const textOf = (parts: readonly DiffPart[], kind: DiffPart[0]) =>
  parts
    .filter(([k]) => k === kind)
    .map(([, text]) => text)
    .join("|");

let roles: Awaited<ReturnType<typeof everyRole>>;
let author: TestMember;
beforeAll(async () => {
  roles = await everyRole();
  author = await createMember("member", { municipalityNumber: "1804" });
});

describe("who may see a write-up's history", () => {
  it("is everyone for a public write-up, approved members only for a members-only one", async () => {
    const open = await createExperienceAs(author.id, base);
    const closed = await createExperienceAs(author.id, { ...base, visibility: "members" });
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) {
      expect((await load(viewer, open.id)).status).toBe(200);
    }
    for (const viewer of [null, roles.pending]) expect((await load(viewer, closed.id)).status).toBe(404);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await load(viewer, closed.id)).status).toBe(200);
  });

  it("is a draft's authors, co-authors and coordinators only: 404 for everyone else", async () => {
    const draft = await createExperienceAs(author.id, { ...base, publish: false });
    const coAuthor = await createMember("member");
    expect(await addCoAuthor(summaryOf(author), draft.id, coAuthor.email, 10)).toEqual({ ok: true });
    for (const viewer of [null, roles.pending, roles.member]) expect((await load(viewer, draft.id)).status).toBe(404);
    for (const viewer of [author, coAuthor, roles.coordinator, roles.admin]) expect((await load(viewer, draft.id)).status).toBe(200);
  });

  it("is 404 for a write-up that does not exist and for an address that is not one", async () => {
    for (const id of ["999999999", "0", "abc", "1e3", "-1", "12345678901234567890", "%27%3B--"]) {
      expect((await load(roles.admin, id)).status, id).toBe(404);
    }
  });
});

describe("the list of revisions", () => {
  it("lists every revision newest first with its number, time, editor and note; names for members only", async () => {
    const coAuthor = await createMember("member", { name: "Kari Medforfatter" });
    const written = await createExperienceAs(author.id, base);
    expect(await addCoAuthor(summaryOf(author), written.id, coAuthor.email, 10)).toEqual({ ok: true });
    await edit(summaryOf(coAuthor), written.id, 1, { body: "Vi lærte mer.", note: "Kortet ned teksten" });
    await edit(summaryOf(roles.coordinator, "coordinator"), written.id, 2, { title: "Digitale trygghetsalarmer i Bodø" });

    const forMember = await history(roles.member, written.id);
    expect(forMember.experience).toEqual({ id: written.id, title: "Digitale trygghetsalarmer i Bodø" });
    expect(forMember.revisions.map((r) => [r.number, r.editorName, r.note])).toEqual([
      [3, roles.coordinator.name, null],
      [2, "Kari Medforfatter", "Kortet ned teksten"],
      [1, author.name, null],
    ]);
    expect(forMember.revisions.every((r) => r.createdAt instanceof Date)).toBe(true);

    for (const viewer of [null, roles.pending]) {
      const data = await history(viewer, written.id);
      expect(data.revisions.map((r) => [r.number, r.editorName, r.note])).toEqual([
        [3, null, null],
        [2, null, "Kortet ned teksten"],
        [1, null, null],
      ]);
      expect(JSON.stringify(data)).not.toContain("Kari Medforfatter");
      expect(JSON.stringify(data)).not.toContain(author.name);
    }
  });

  it("says there is nothing to compare while there is only one revision", async () => {
    const written = await createExperienceAs(author.id, base);
    for (const query of ["", "?from=1&to=2", "?from=x"]) {
      const data = await history(null, written.id, query);
      expect(data.revisions).toHaveLength(1);
      expect(data.comparison).toBeNull();
    }
  });
});

describe("comparing two revisions", () => {
  it("shows the latest change by default, word by word, in title, summary and body each", async () => {
    const written = await createExperienceAs(author.id, base);
    await edit(summaryOf(author), written.id, 1, {
      title: "Trygghetsalarmer i Bodø og Rana",
      body: "Vi lærte **lite** av piloten.\n\nNeste år skal vi gjøre mer.",
    });
    const { comparison } = await history(null, written.id);
    expect(comparison).toMatchObject({ from: 1, to: 2, fellBack: false });
    expect(comparison!.title.changed).toBe(true);
    expect(textOf(comparison!.title.parts, "added")).toBe("og Rana");
    expect(comparison!.summary).toEqual({ changed: false, parts: [["same", base.summary]] });
    expect(comparison!.body.changed).toBe(true);
    expect(comparison!.body.parts).toContainEqual(["removed", "mye"]);
    expect(comparison!.body.parts).toContainEqual(["added", "lite"]);
    // The line breaks of the markdown are kept.
    expect(textOf(comparison!.body.parts, "same")).toContain("piloten.\n\nNeste år");

    const html = render(comparison!.body.parts);
    expect(html).toContain('<del class="');
    expect(html).toContain("Fjernet: </span>mye<");
    expect(html).toContain("Lagt til: </span>lite<");
  });

  it("compares any two revisions asked for, older first", async () => {
    const written = await createExperienceAs(author.id, { ...base, body: "En." });
    await edit(summaryOf(author), written.id, 1, { body: "En. To." });
    await edit(summaryOf(author), written.id, 2, { body: "En. To. Tre." });
    await edit(summaryOf(author), written.id, 3, { body: "En. Tre." });

    const oneToThree = (await history(roles.member, written.id, "?from=1&to=3")).comparison!;
    expect(oneToThree).toMatchObject({ from: 1, to: 3, fellBack: false });
    expect(textOf(oneToThree.body.parts, "added")).toContain("To");
    expect(textOf(oneToThree.body.parts, "added")).toContain("Tre");
    expect(textOf(oneToThree.body.parts, "removed")).toBe("");

    const latest = (await history(roles.member, written.id)).comparison!;
    expect(latest).toMatchObject({ from: 3, to: 4 });
    expect(textOf(latest.body.parts, "removed")).toContain("To");

    // The wrong way round reads as the right one.
    expect((await history(roles.member, written.id, "?from=4&to=2")).comparison).toMatchObject({ from: 2, to: 4, fellBack: false });
    expect((await history(roles.member, written.id, "?to=2")).comparison).toMatchObject({ from: 1, to: 2, fellBack: false });
  });

  it.each([
    ["the same revision twice", "?from=2&to=2"],
    ["a revision that does not exist", "?from=1&to=9"],
    ["revision 0", "?from=0&to=2"],
    ["words", "?from=first&to=last"],
    ["a negative number", "?from=-1&to=2"],
    ["a fraction", "?from=1.5&to=2"],
    ["a number too large", "?from=99999999999999999999&to=2"],
    ["markup", "?from=%3Cscript%3E&to=2"],
  ])("falls back to the latest change, saying so, for %s — never an error", async (_label, query) => {
    const written = await createExperienceAs(author.id, base);
    await edit(summaryOf(author), written.id, 1, { body: "Vi lærte mer." });
    await edit(summaryOf(author), written.id, 2, { body: "Vi lærte enda mer." });
    const result = await load(null, written.id, query);
    expect(result.status).toBe(200);
    expect((result.data as HistoryData).comparison).toMatchObject({ from: 2, to: 3, fellBack: true });
  });
});

describe("hostile markdown in a revision", () => {
  const hostile = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(2)"><circle r="1"/></svg>',
    '<iframe src="javascript:alert(3)"></iframe>',
    "[klikk](javascript:alert(4))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)",
  ].join("\n\n");

  it("is text in the loader's data and shows as harmless text in the diff, added or removed", async () => {
    const written = await createExperienceAs(author.id, base);
    await edit(summaryOf(author), written.id, 1, { title: "<script>alert('tittel')</script>", body: `${base.body}\n\n${hostile}` });
    await edit(summaryOf(author), written.id, 2, { body: base.body });

    const added = (await history(null, written.id, "?from=1&to=2")).comparison!;
    expect(textOf(added.body.parts, "added")).toContain("<script>alert('xss')</script>");
    expect(textOf(added.title.parts, "added")).toContain("<script>");
    const removed = (await history(null, written.id, "?from=2&to=3")).comparison!;
    expect(textOf(removed.body.parts, "removed")).toContain('<img src=x onerror="alert(1)">');

    for (const parts of [added.title.parts, added.body.parts, removed.body.parts]) {
      // React escapes "<" in text, so every "<" left in the markup opens one of the diff's own elements.
      const tags = [...render(parts).matchAll(/<\/?([a-z][a-z0-9-]*)([^>]*)>/gi)];
      for (const tag of tags) {
        expect(["div", "span", "ins", "del"]).toContain(tag[1]);
        expect(tag[2]).not.toMatch(/\s(on\w+|href|src|style)=/i);
      }
    }
    const html = render(added.body.parts);
    expect(html).toContain("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;");
    expect(html).toContain("[klikk](javascript:alert(4))");
  });
});

describe("the diff as rendered", () => {
  it("marks additions and removals for screen readers, keeps line breaks, and says where text was left out", () => {
    const html = render([
      ["same", "Første linje\nandre "],
      ["removed", "gammel"],
      ["added", "ny"],
      ["gap", 1234],
    ]);
    expect(html).toContain("whitespace-pre-wrap");
    expect(html).toContain("Første linje\nandre ");
    expect(html).toMatch(/<del class="[^"]*line-through[^"]*"><span class="ds-sr-only">Fjernet: <\/span>gammel<span class="ds-sr-only"> Slutt på fjerning. <\/span><\/del>/);
    expect(html).toMatch(/<ins class="[^"]*underline[^"]*"><span class="ds-sr-only">Lagt til: <\/span>ny<span class="ds-sr-only"> Slutt på tillegg. <\/span><\/ins>/);
    expect(html).toContain("[1234 tegn utelatt]");
  });
});
