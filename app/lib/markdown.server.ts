import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

// One renderer for every area: markdown in, HTML safe to put in a page out. Raw HTML in the markdown
// is escaped rather than passed on, and the sanitiser then keeps only the tags markdown itself makes.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    // A task list's box as a character, not a form control: a disabled checkbox without a label is a form
    // field a screen reader announces unlabelled (and axe flags), while ☑/☐ read as "ballot box with check".
    checkbox: ({ checked }) => (checked ? "☑ " : "☐ "),
  },
});

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  transformTags: {
    // Links written by members open normally but tell search engines nothing about trust.
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }),
  },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ["href", "title", "rel"] };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Renders member-written markdown to sanitised HTML, once, when it is saved. For text shown under a
 * heading of the page's own, `topHeading` is the level its biggest heading becomes (whether the writer
 * began with `#` or `##`); the others keep their distance below it, h6 at most.
 */
export function renderMarkdown(markdown: string, options: { topHeading?: HeadingLevel } = {}): string {
  const tokens = marked.lexer(markdown);
  if (options.topHeading) {
    const headings: Tokens.Heading[] = [];
    marked.walkTokens(tokens, (token) => {
      if (token.type === "heading") headings.push(token as Tokens.Heading);
    });
    const shift = options.topHeading - Math.min(...headings.map((heading) => heading.depth));
    for (const heading of headings) heading.depth = Math.min(6, heading.depth + shift);
  }
  return sanitizeHtml(marked.parser(tokens), ALLOWED);
}

/**
 * Member-written markdown as plain text, for places that show no HTML (a calendar event's DESCRIPTION,
 * a mail): the words without their markup, links as "text (address)", list items on lines of their own.
 */
export function markdownToPlainText(markdown: string): string {
  return blocksToText(marked.lexer(markdown.replace(/\r\n?/g, "\n"))).trim();
}

function blocksToText(tokens: Token[]): string {
  return tokens
    .map(blockToText)
    .filter((text) => text !== "")
    .join("\n\n");
}

function blockToText(token: Token): string {
  switch (token.type) {
    case "space":
      return "";
    case "heading":
    case "paragraph":
      return inlineToText((token as Tokens.Heading | Tokens.Paragraph).tokens);
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inlineToText(text.tokens) : text.text;
    }
    case "list": {
      const list = token as Tokens.List;
      const start = typeof list.start === "number" ? list.start : 1;
      return list.items
        .map((item, index) => `${list.ordered ? `${start + index}.` : "-"} ${blocksToText(item.tokens).replace(/\n+/g, "\n  ")}`)
        .join("\n");
    }
    case "blockquote":
      return blocksToText((token as Tokens.Blockquote).tokens);
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineToText(cell.tokens)).join(" | ");
      return [row(table.header), ...table.rows.map(row)].join("\n");
    }
    case "hr":
      return "—";
    default:
      return "text" in token && typeof token.text === "string" ? token.text : token.raw.trim();
  }
}

function inlineToText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case "strong":
        case "em":
        case "del":
          return inlineToText((token as Tokens.Strong).tokens);
        case "link": {
          const link = token as Tokens.Link;
          const text = inlineToText(link.tokens);
          return text === link.href || `mailto:${text}` === link.href ? text : `${text} (${link.href})`;
        }
        case "image":
          return (token as Tokens.Image).text;
        case "br":
          return "\n";
        case "text": {
          const text = token as Tokens.Text;
          return text.tokens ? inlineToText(text.tokens) : text.text;
        }
        default:
          return "text" in token && typeof token.text === "string" ? token.text : token.raw;
      }
    })
    .join("");
}
