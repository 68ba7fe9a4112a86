import { Link, useLoaderData } from "@remix-run/react";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatNumber } from "~/lib/dates";
import { countMunicipalities } from "~/municipalities/municipalities.server";

export async function loader() {
  return { municipalityCount: await countMunicipalities() };
}

const AREAS: { to: string; title: MessageKey; text: MessageKey }[] = [
  { to: "/forum-sessions", title: "nav.forumSessions", text: "home.area.forumSessions" },
  { to: "/topics", title: "nav.topics", text: "home.area.topics" },
  { to: "/experiences", title: "nav.experiences", text: "home.area.experiences" },
  { to: "/solutions", title: "nav.solutions", text: "home.area.solutions" },
  { to: "/municipalities", title: "nav.municipalities", text: "home.area.municipalities" },
];

export default function HomePage() {
  const { municipalityCount } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <h1 className="ds-heading" data-size="xl">
        {t("home.title")}
      </h1>
      <p className="ds-paragraph mt-4 max-w-prose" data-variant="long">
        {t("home.lead")}
      </p>
      <h2 className="ds-heading mt-10" data-size="md">
        {t("home.areas")}
      </h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {AREAS.map((area) => (
          <li key={area.to} className="ds-card" data-variant="tinted">
            <h3 className="ds-heading" data-size="xs">
              <Link className="ds-link" to={area.to}>
                {t(area.title)}
              </Link>
            </h3>
            <p className="ds-paragraph" data-size="sm">
              {t(area.text, { count: formatNumber(municipalityCount, language) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
