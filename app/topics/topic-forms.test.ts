import { describe, expect, it } from "vitest";
import { readTopicForm, type TopicFormRegister } from "./topic-forms";

const register: TopicFormRegister = {
  themeIds: [1, 2, 3],
  municipalities: [
    { number: "1804", name: "Bodø" },
    { number: "1515", name: "Herøy (Møre og Romsdal)" },
    { number: "1818", name: "Herøy (Nordland)" },
    { number: "5001", name: "Trondheim - Tråante" },
  ],
  mayPresent: true,
};

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(key, one);
  return form;
}

describe("the topic form", () => {
  const valid = { title: "  Velferdsteknologi  ", description: "Hva **virker**?", theme: ["1", "2"] };

  it("gives the input to save, trimmed, municipalities once each, blanks left out", () => {
    const form = readTopicForm(formOf({ ...valid, canPresent: "yes", experienced: ["Bodø", "", "1804", "1818"] }), register);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.value).toEqual({
      title: "Velferdsteknologi",
      description: "Hva **virker**?",
      themeIds: [1, 2],
      canPresent: true,
      experiencedMunicipalities: ["1804", "1818"],
    });
    expect(form.values.experienced).toEqual(["Bodø", "1804", "1818"]);
  });

  it("offers 'can present' only when the proposer has a municipality", () => {
    const form = readTopicForm(formOf({ ...valid, canPresent: "yes" }), { ...register, mayPresent: false });
    expect(form.ok && form.value.canPresent).toBe(false);
  });

  it("puts each error beside its field and keeps what was typed", () => {
    const form = readTopicForm(formOf({ title: "", description: "", theme: ["1", "99"], experienced: ["Bodø", "Atlantis"] }), register);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors).toEqual({
      title: ["form.required"],
      description: ["form.required"],
      themes: ["topicForm.unknownTheme"],
      "experienced-1": ["topicForm.unknownMunicipality"],
    });
    expect(form.values).toMatchObject({ themeIds: [1], experienced: ["Bodø", "Atlantis"] });
  });

  it("asks for the number when two municipalities share the name", () => {
    const form = readTopicForm(formOf({ ...valid, experienced: ["Herøy"] }), register);
    expect(!form.ok && form.errors).toEqual({ "experienced-0": ["topicForm.ambiguousMunicipality"] });
  });

  it("wants a theme, and at most 20 municipalities", () => {
    const many = Array.from({ length: 21 }, (_, i) => String(1000 + i));
    const wide = { ...register, municipalities: many.map((number) => ({ number, name: `Kommune ${number}` })) };
    const form = readTopicForm(formOf({ title: "T", description: "D", experienced: many }), wide);
    expect(!form.ok && form.errors).toEqual({ themes: ["topicForm.themeRequired"], experienced: ["topicForm.tooManyMunicipalities"] });
  });

  it("takes the same municipality many times as one, but not a list of hundreds", () => {
    const twice = readTopicForm(formOf({ ...valid, experienced: Array(40).fill("Bodø") }), register);
    expect(twice.ok && twice.value.experiencedMunicipalities).toEqual(["1804"]);
    const flood = readTopicForm(formOf({ ...valid, experienced: Array(5000).fill("Bodø") }), register);
    expect(!flood.ok && flood.errors).toEqual({ experienced: ["topicForm.tooManyMunicipalities"] });
  });
});
