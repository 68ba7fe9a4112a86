import { describe, expect, it } from "vitest";
import { readExperienceForm, splitSuppliers, type ExperienceFormRegister } from "./experience-forms";

const register: ExperienceFormRegister = {
  themeIds: [1, 2, 3],
  municipalities: [
    { number: "1804", name: "Bodø" },
    { number: "1832", name: "Hemnes" },
    { number: "1515", name: "Herøy (Møre og Romsdal)" },
    { number: "1818", name: "Herøy (Nordland)" },
  ],
};
const now = new Date("2025-06-01T12:00:00Z");

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(key, one);
  return form;
}

const valid = { title: "  Felles anskaffelse  ", summary: " Hva vi gjorde. ", body: "Vi **gjorde** det.\r\n", theme: ["2"] };
const facts = { procurement: "yes", procedure: "joint_procurement", year: "2023", suppliers: "Acme AS\nBeta AS, Gamma AS\n\n", valueBand: "1m_5m", partner: ["Hemnes", ""], lessons: "Mer tid." };

describe("the write-up form", () => {
  it("gives the input to save, trimmed, line breaks as \\n, public by default, no fact box unless ticked", () => {
    const form = readExperienceForm(formOf({ ...valid, municipality: ["Bodø", "", "1804", "1832 Hemnes"], ...facts, procurement: "" }), register, now);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.intent).toBe("draft");
    expect(form.value).toEqual({
      title: "Felles anskaffelse",
      summary: "Hva vi gjorde.",
      body: "Vi **gjorde** det.\n",
      themeIds: [2],
      visibility: "public",
      municipalities: ["1804", "1832"],
      forumSessionId: null,
      agendaItemId: null,
      topicId: null,
      procurement: null,
      note: "",
    });
    // What was typed in the fact box still comes back.
    expect(form.values).toMatchObject({ procurement: false, procedure: "joint_procurement", partners: ["Hemnes"] });
  });

  it("reads the fact box when it is ticked", () => {
    const form = readExperienceForm(formOf({ ...valid, ...facts, visibility: "members", intent: "publish" }), register, now);
    expect(form.ok && form.intent).toBe("publish");
    expect(form.ok && form.value.visibility).toBe("members");
    expect(form.ok && form.value.procurement).toEqual({
      procedure: "joint_procurement",
      year: 2023,
      suppliers: ["Acme AS", "Beta AS", "Gamma AS"],
      valueBand: "1m_5m",
      partners: ["1832"],
      lessons: "Mer tid.",
    });
  });

  it("links to where it came from only while its box is ticked", () => {
    const origin = { forumSession: "7", agendaItem: "9", topic: "3" };
    const kept = readExperienceForm(formOf({ ...valid, ...origin, keepForumSession: "yes", keepTopic: "yes" }), register, now);
    expect(kept.ok && kept.value).toMatchObject({ forumSessionId: 7, agendaItemId: 9, topicId: 3 });
    const dropped = readExperienceForm(formOf({ ...valid, ...origin, keepTopic: "yes" }), register, now);
    expect(dropped.ok && dropped.value).toMatchObject({ forumSessionId: null, agendaItemId: null, topicId: 3 });
    expect(dropped.values).toMatchObject({ forumSessionId: 7, agendaItemId: 9, keepForumSession: false });
  });

  it("refuses ids the form never makes", () => {
    for (const origin of [{ forumSession: "x" }, { topic: "1e3" }, { agendaItem: "4" }] as Record<string, string>[]) {
      const form = readExperienceForm(formOf({ ...valid, ...origin }), register, now);
      expect(!form.ok && form.errors).toEqual({ origin: ["experienceForm.unknownOrigin"] });
    }
  });

  it("puts each error beside its field and keeps what was typed", () => {
    const form = readExperienceForm(
      formOf({ title: "", summary: "S".repeat(301), body: " \n ", theme: [], visibility: "secret", municipality: ["Herøy", "Atlantis"] }),
      register,
      now,
    );
    expect(!form.ok && form.errors).toEqual({
      title: ["form.required"],
      summary: ["experienceForm.summaryTooLong"],
      body: ["form.required"],
      themes: ["experienceForm.themeRequired"],
      visibility: ["experienceForm.unknownVisibility"],
      "municipality-0": ["experienceForm.ambiguousMunicipality"],
      "municipality-1": ["experienceForm.unknownMunicipality"],
    });
    expect(form.values).toMatchObject({ summary: "S".repeat(301), municipalities: ["Herøy", "Atlantis"] });
  });

  it("counts a line break in the summary as one character", () => {
    const summary = `${"S".repeat(149)}\r\n${"S".repeat(150)}`;
    const form = readExperienceForm(formOf({ ...valid, summary }), register, now);
    expect(form.ok && form.value.summary).toHaveLength(300);
  });

  it("measures the body in bytes of UTF-8: 200 KB of æ is too much, 200 KB of a is not", () => {
    const ascii = readExperienceForm(formOf({ ...valid, body: "a".repeat(200 * 1024) }), register, now);
    expect(ascii.ok).toBe(true);
    const wide = readExperienceForm(formOf({ ...valid, body: "æ".repeat(100 * 1024 + 1) }), register, now);
    expect(!wide.ok && wide.errors).toEqual({ body: ["experienceForm.bodyTooLong"] });
    expect(wide.values.body).toHaveLength(100 * 1024 + 1);
  });

  it.each([
    ["procedure", { procedure: "" }, "experienceForm.procedureRequired"],
    ["procedure", { procedure: "bribery" }, "experienceForm.unknownProcedure"],
    ["year", { year: "1989" }, "experienceForm.badYear"],
    ["year", { year: "2027" }, "experienceForm.badYear"],
    ["year", { year: "20x3" }, "experienceForm.badYear"],
    ["suppliers", { suppliers: Array.from({ length: 11 }, (_, i) => `Leverandør ${i}`).join("\n") }, "experienceForm.tooManySuppliers"],
    ["suppliers", { suppliers: "L".repeat(121) }, "experienceForm.supplierTooLong"],
    ["valueBand", { valueBand: "priceless" }, "experienceForm.unknownValueBand"],
    ["partner-0", { partner: ["Atlantis"] }, "experienceForm.unknownMunicipality"],
    ["lessons", { lessons: "L".repeat(4001) }, "experienceForm.lessonsTooLong"],
  ] as [string, Record<string, string | string[]>, string][])("refuses a fact box with a bad %s", (field, bad, message) => {
    const form = readExperienceForm(formOf({ ...valid, ...facts, ...bad }), register, now);
    expect(!form.ok && form.errors).toEqual({ [field]: [message] });
  });

  it("takes next year, and no year at all", () => {
    for (const year of ["2026", ""]) expect(readExperienceForm(formOf({ ...valid, ...facts, year }), register, now).ok).toBe(true);
  });

  it("adds municipality fields on request, keeping the blank ones", () => {
    const form = readExperienceForm(formOf({ ...valid, municipality: ["Bodø", "", ""], partner: ["", ""], intent: "morePartners" }), register, now);
    expect(form.slots).toEqual({ municipalities: 3, partners: 5 });
  });

  it("says a bad revision on the form as a whole", () => {
    const form = readExperienceForm(formOf({ ...valid, revision: "-3" }), register, now);
    expect(!form.ok && form.errors).toEqual({ form: ["error.badRequest.body"] });
  });
});

describe("suppliers", () => {
  it("are one a line or comma separated, blanks and repeats left out", () => {
    expect(splitSuppliers("Acme AS\r\n Beta AS ;Gamma AS,,\nAcme AS")).toEqual(["Acme AS", "Beta AS", "Gamma AS"]);
  });
});
