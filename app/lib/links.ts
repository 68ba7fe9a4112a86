/**
 * An absolute http(s) address with a host, as typed: what a website, source or documentation link may be
 * (no javascript:, data:, ftp: or relative ones). The URL parser quietly drops tabs and line breaks, reads
 * "\" as "/" and "https:///x" as host x: such text is refused rather than stored as something else.
 */
export function isHttpLink(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f\\]/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && /^https?:\/\/[^/?#]/i.test(text);
}
