import { createContext, useContext } from "react";
import { useT } from "~/i18n/i18n";

/** The request id the server answered under (entry.server.tsx provides it while rendering). */
export const RequestReferenceContext = createContext<string | undefined>(undefined);

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * "Reference: <id>" on an error page, so that what a member reports can be found in the log. The id is
 * not in the browser's data: set as inner HTML, which hydration leaves as the server wrote it.
 * (On a client-side navigation's error the paragraph is empty; the id is in X-Request-Id and the log.)
 */
export function RequestReference({ className }: { className?: string }) {
  const t = useT();
  const id = useContext(RequestReferenceContext);
  return (
    <p
      id="request-reference"
      className={className}
      data-size="sm"
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: id ? escapeHtml(t("error.reference", { id })) : "" }}
    />
  );
}
