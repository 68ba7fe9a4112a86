import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/** Calendar links for a forum session's page. The .ics links are plain <a>: files, not Remix routes to render. */
export function AddToCalendar({ forumSessionId, signedIn }: { forumSessionId: number; signedIn: boolean }) {
  const t = useT();
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-2">
      <li>
        <a className="ds-link" href={`/forum-sessions/${forumSessionId}/calendar.ics`}>
          {t("calendar.add")}
        </a>
      </li>
      <li>
        <a className="ds-link" href="/forum-sessions/calendar.ics?subscribe">
          {t("calendar.subscribe")}
        </a>
      </li>
      {signedIn ? (
        <li>
          <Link className="ds-link" to="/me/calendar">
            {t("calendar.personal")}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
