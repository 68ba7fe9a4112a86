import { Link, useLocation } from "@remix-run/react";

/**
 * A list page's heading and lead, with its one action for approved members (propose, write); a visitor
 * is offered to sign in and come back to this very list, a pending member is told why not yet.
 */
export function ListHeading({
  title,
  lead,
  action,
  standing,
  signIn,
  pending,
}: {
  title: string;
  lead: string;
  action: { to: string; label: string };
  standing: "anonymous" | "pending" | "approved";
  signIn: string;
  pending: string;
}) {
  const { pathname, search } = useLocation();
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="ds-heading" data-size="lg">
            {title}
          </h1>
          <p className="ds-paragraph mt-2 max-w-prose">{lead}</p>
        </div>
        {standing === "approved" ? (
          <Link className="ds-button" data-variant="primary" to={action.to}>
            {action.label}
          </Link>
        ) : null}
      </div>
      {standing === "anonymous" ? (
        <p className="ds-paragraph mt-4">
          <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(pathname + search)}`}>
            {signIn}
          </Link>
        </p>
      ) : standing === "pending" ? (
        <p className="ds-paragraph mt-4">{pending}</p>
      ) : null}
    </>
  );
}
