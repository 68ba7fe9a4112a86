import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A page's heading, with the way back to the page it belongs under. */
export function PageHeading({ back, children }: { back: { to: string; label: string }; children: ReactNode }) {
  return (
    <>
      <p>
        <Link className="ds-link" to={back.to}>
          {back.label}
        </Link>
      </p>
      <h1 className="ds-heading mt-4" data-size="lg">
        {children}
      </h1>
    </>
  );
}
