import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "./markdown.server";

describe("the markdown renderer", () => {
  it("renders what members write: headings, lists, emphasis, links, tables", () => {
    const html = renderMarkdown("## Vedtak\n\n- **Felles** anskaffelse\n- *Pilot* i Vefsn\n\n[Digdir](https://www.digdir.no)\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain("<h2>Vedtak</h2>");
    expect(html).toContain("<li><strong>Felles</strong> anskaffelse</li>");
    expect(html).toContain("<em>Pilot</em>");
    expect(html).toMatch(/<a href="https:\/\/www\.digdir\.no" rel="nofollow ugc noopener">Digdir<\/a>/);
    expect(html).toContain("<td>1</td>");
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["an event handler", '<img src="x" onerror="alert(1)">'],
    ["a javascript: link", "[klikk](javascript:alert(1))"],
    ["a javascript: link in raw HTML", '<a href="javascript:alert(1)">klikk</a>'],
    ["a data: link", "[klikk](data:text/html;base64,PHNjcmlwdD4=)"],
    ["an on* attribute in a heading", '<h2 onclick="alert(1)">x</h2>'],
  ])("renders %s harmless", (_, markdown) => {
    const html = renderMarkdown(markdown);
    // Tags and attributes, not text that merely shows them.
    expect(html).not.toMatch(/<(script|iframe|img)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/<a[^>]*href="(javascript|data):/i);
  });

  it("starts headings at the level it is told, so a summary's headings sit below its section's heading", () => {
    expect(renderMarkdown("# Vedtak\n\n## Oppfølging\n\n##### Detalj", { topHeading: 3 })).toBe(
      "<h3>Vedtak</h3>\n<h4>Oppfølging</h4>\n<h6>Detalj</h6>\n",
    );
    expect(renderMarkdown("## Vedtak\n\n### Oppfølging", { topHeading: 3 })).toBe("<h3>Vedtak</h3>\n<h4>Oppfølging</h4>\n");
    expect(renderMarkdown("# Vedtak")).toBe("<h1>Vedtak</h1>\n");
  });

  it("writes readable plain text for calendars and mail", () => {
    expect(markdownToPlainText("# Om møtet\n\n**Fet** og *kursiv* med [lenke](https://ks.no) & <b>rå</b>\n\n1. en\n2. to\n\n> sitat")).toBe(
      "Om møtet\n\nFet og kursiv med lenke (https://ks.no) & <b>rå</b>\n\n1. en\n2. to\n\nsitat",
    );
  });

  it("shows raw HTML as text rather than dropping what was written", () => {
    expect(renderMarkdown("Skriv <b>fet</b> slik")).toBe("<p>Skriv &lt;b&gt;fet&lt;/b&gt; slik</p>\n");
  });
});

describe("task lists", () => {
  it("shows a task's box as a character a screen reader can name, never as an unlabelled form field", () => {
    const html = renderMarkdown("- [x] Avtale signert\n- [ ] Opplæring");
    expect(html).not.toContain("<input");
    expect(html).toContain("☑ Avtale signert");
    expect(html).toContain("☐ Opplæring");
  });
});
