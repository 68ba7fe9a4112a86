/**
 * Text from the search with its matches between STX and ETX (ts_headline's markers, app/search/search.server.ts)
 * shown as <mark>: the stored text stays text, never markup.
 */
export function Marked({ text }: { text: string }) {
  const [before = "", ...marked] = text.split("\u0002");
  return (
    <>
      {before}
      {marked.map((part, i) => {
        const end = part.indexOf("\u0003");
        return end < 0 ? (
          <span key={i}>{part}</span>
        ) : (
          <span key={i}>
            <mark>{part.slice(0, end)}</mark>
            {part.slice(end + 1)}
          </span>
        );
      })}
    </>
  );
}
