import { Link } from "@remix-run/react";
import { useT, type MessageKey } from "~/i18n/i18n";

/** An area that is not built yet says so plainly instead of showing made-up content. */
export function ComingPage({ title }: { title: MessageKey }) {
  const t = useT();
  return (
    <div className="max-w-prose">
      <h1 className="ds-heading" data-size="lg">
        {t(title)}
      </h1>
      <div className="ds-alert mt-6" data-color="info">
        <p className="ds-paragraph">{t("coming.lead")}</p>
      </div>
      <p className="ds-paragraph mt-6">
        <Link className="ds-link" to="/municipalities">
          {t("coming.meanwhile")}
        </Link>
      </p>
    </div>
  );
}
