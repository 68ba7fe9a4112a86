import { Form, Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/**
 * Follow or stop following a theme or a municipality: a plain form to /follows that comes back to this
 * page (303). Visitors are offered to sign in; pending members, who cannot follow yet, see nothing.
 */
export function FollowForm({
  subject,
  following,
  viewerState,
}: {
  subject: { theme: string; name: string } | { municipality: string; name: string };
  following: boolean;
  viewerState: "anonymous" | "pending" | "member";
}) {
  const t = useT();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  if (viewerState === "pending") return null;
  if (viewerState === "anonymous") {
    return (
      <p className="ds-paragraph" data-size="sm">
        <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(here)}`}>
          {t("experiences.follow.signIn")}
        </Link>
      </p>
    );
  }
  const isTheme = "theme" in subject;
  return (
    <Form method="post" action="/follows" className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <input type="hidden" name="redirectTo" value={here} />
      <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
      {isTheme ? <input type="hidden" name="theme" value={subject.theme} /> : <input type="hidden" name="municipality" value={subject.municipality} />}
      {following ? (
        <p className="ds-paragraph" data-size="sm">
          {t(isTheme ? "experiences.follow.followingTheme" : "experiences.follow.followingMunicipality", { name: subject.name })}
        </p>
      ) : null}
      <button type="submit" className="ds-button" data-variant="secondary" data-size="sm">
        {t(
          following
            ? isTheme
              ? "experiences.follow.stopTheme"
              : "experiences.follow.stopMunicipality"
            : isTheme
              ? "experiences.follow.theme"
              : "experiences.follow.municipality",
        )}
      </button>
    </Form>
  );
}
