import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";

/** What the topic page's action answers a support sent by the script: the count as stored. */
export type SupportReply = { support?: { supportCount: number; supported: boolean }; message?: MessageKey };

/** A script is running: the form can ask for a data answer instead of a redirect. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * The exact count of supports, and for an approved member the button to support or withdraw. Without
 * JavaScript it is a plain form (303 back to the page); with it, a fetcher that shows the new count at
 * once and lets the page's data confirm it. Visitors are asked to sign in; pending members are told why not.
 */
export function SupportForm({
  count,
  supported,
  open,
  viewerState,
  reply,
}: {
  count: number;
  supported: boolean;
  /** The topic can still gain support (proposed, shortlisted, scheduled). */
  open: boolean;
  viewerState: "anonymous" | "pending" | "member";
  /** The answer to a plain form post that was refused. */
  reply?: SupportReply;
}) {
  const t = useT();
  const location = useLocation();
  const fetcher = useFetcher<SupportReply>();
  const hydrated = useHydrated();
  const pending = fetcher.formData?.get("intent");
  const shownSupported = pending === "support" ? true : pending === "withdraw" ? false : supported;
  const shownCount = Math.max(0, count + (shownSupported === supported ? 0 : shownSupported ? 1 : -1));
  const message = fetcher.data?.message ?? reply?.message;
  return (
    <div id="support" className="ds-card scroll-mt-4" data-variant="tinted">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <p className="ds-paragraph font-semibold" role="status">
          {t("topicPage.supportCount", { count: shownCount })}
          {viewerState === "member" && shownSupported ? <span className="font-normal"> · {t("topicPage.youSupport")}</span> : null}
        </p>
        {viewerState === "member" && (open || shownSupported) ? (
          <fetcher.Form method="post" preventScrollReset>
            {hydrated ? <input type="hidden" name="reply" value="data" /> : null}
            <input type="hidden" name="intent" value={shownSupported ? "withdraw" : "support"} />
            <button type="submit" className="ds-button" data-variant={shownSupported ? "secondary" : "primary"}>
              {t(shownSupported ? "topicPage.withdraw" : "topicPage.support")}
            </button>
          </fetcher.Form>
        ) : null}
        {viewerState === "anonymous" && open ? (
          <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {t("topicPage.signInToSupport")}
          </Link>
        ) : null}
      </div>
      {viewerState === "pending" && open ? <p className="ds-paragraph mt-2" data-size="sm">{t("topicPage.pendingCannotSupport")}</p> : null}
      {!open ? <p className="ds-paragraph mt-2" data-size="sm">{t("topicPage.supportClosedHelp")}</p> : null}
      {message ? (
        <div className="ds-alert mt-3" data-color="danger" role="alert">
          <p className="ds-paragraph">{t(message)}</p>
        </div>
      ) : null}
    </div>
  );
}
