/**
 * Text from the search with its matches between STX and ETX (ts_headline's markers, app/search/search.server.ts)
 * shown as <mark>: the stored text stays text, never markup.
 */
export function Marked({ text }: { text: string }) {
  const parts = text.split(/\u0002([^\u0002\u0003]*)\u0003/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
