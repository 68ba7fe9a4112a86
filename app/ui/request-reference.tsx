import { createContext, useContext, useEffect } from "react";
import { useT } from "~/i18n/i18n";

/** The request id the server answered under (entry.server.tsx provides it while rendering). */
export const RequestReferenceContext = createContext<string | undefined>(undefined);

const ELEMENT_ID = "request-reference";

// In the browser: the reference written into the page the server sent, read once before it hydrates.
// An error met later, on a client-side navigation, has no reference here: its id is in the log and header only.
let fromServerPage: string | undefined =
  typeof document === "undefined" ? undefined : (document.getElementById(ELEMENT_ID)?.dataset.reference ?? undefined);

/** "Reference: <id>" on an error page, so that what a member reports can be found in the log. */
export function RequestReference({ className }: { className?: string }) {
  const t = useT();
  const id = useContext(RequestReferenceContext) ?? fromServerPage;
  useEffect(() => {
    fromServerPage = undefined;
  }, []);
  if (!id) return null;
  return (
    <p id={ELEMENT_ID} data-reference={id} className={className} data-size="sm">
      {t("error.reference", { id })}
    </p>
  );
}
