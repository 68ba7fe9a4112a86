import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ExperienceVisibility } from "../../db/schema/experience-values";
import type { AdoptionState, SolutionStatus } from "../../db/schema/solution-values";
import { ExperienceLinkList, MembersOnlyTag, type ExperienceLinkRow } from "~/experiences/experience-links";
import { SessionTime } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { notificationText } from "~/notifications/notification-text";
import { StatusBadge } from "~/solutions/status-badge";
import { Norwegian } from "~/ui/norwegian";
import { themeName } from "~/themes/theme-kinds";

type When = Date | string;

function Day({ at }: { at: When }) {
  const language = useLanguage();
  const date = new Date(at);
  return <time dateTime={date.toISOString()}>{formatDate(date, language)}</time>;
}

// ——— For everyone ———

export interface SpreadingRow {
  id: number;
  slug: string;
  name: string;
  status: SolutionStatus;
  newMunicipalities: number;
}

/** The accepted solutions most municipalities took up lately, with the rule that ranks them. */
export function SpreadingFastest({ solutions, months }: { solutions: readonly SpreadingRow[]; months: number }) {
  const t = useT();
  return (
    <section aria-labelledby="spreading">
      <h2 id="spreading" className="ds-heading" data-size="md">
        {t("dashboard.spreading.heading")}
      </h2>
      <p className="ds-paragraph mt-2" data-size="sm">
        {t("dashboard.spreading.definition", { months })}
      </p>
      {solutions.length > 0 ? (
        <ol className="mt-4 space-y-3">
          {solutions.map((solution) => (
            <li key={solution.id} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 break-words">
              <Link className="ds-link" to={`/solutions/${solution.slug}`}>
                <Norwegian>{solution.name}</Norwegian>
              </Link>
              <StatusBadge status={solution.status} />
              <span className="text-sm font-semibold">{t("dashboard.spreading.count", { count: solution.newMunicipalities })}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="ds-paragraph mt-2">{t("dashboard.spreading.none", { months })}</p>
      )}
      <p className="mt-4">
        <Link className="ds-link" to="/solutions">
          {t("dashboard.spreading.all")}
        </Link>
      </p>
    </section>
  );
}

/** The newest write-ups the viewer may see. */
export function NewestExperiences({ experiences }: { experiences: readonly ExperienceLinkRow[] }) {
  const t = useT();
  return (
    <section aria-labelledby="newest-experiences">
      <h2 id="newest-experiences" className="ds-heading" data-size="md">
        {t("dashboard.experiences.heading")}
      </h2>
      {experiences.length > 0 ? (
        <ExperienceLinkList experiences={experiences} />
      ) : (
        <p className="ds-paragraph mt-2">{t("dashboard.experiences.none")}</p>
      )}
      <p className="mt-4">
        <Link className="ds-link" to="/experiences">
          {t("dashboard.experiences.all")}
        </Link>
      </p>
    </section>
  );
}

// ——— "Your forum", for an approved member ———

export interface YourForumData {
  registrations: readonly { id: number; title: string; startsAt: When; endsAt: When }[];
  municipality: {
    number: string;
    name: string;
    activity: readonly {
      kind: "experience" | "topic" | "adoption";
      id: number;
      slug: string | null;
      title: string;
      state: AdoptionState | null;
      visibility: ExperienceVisibility | null;
      at: When;
    }[];
  } | null;
  followedThemes: readonly {
    slug: string;
    nameNb: string;
    nameEn: string;
    latestId: number | null;
    latestTitle: string | null;
  }[];
  unread: { count: number; newest: readonly { id: number; kind: string; params: Record<string, string>; createdAt: When }[] };
}

type Activity = NonNullable<YourForumData["municipality"]>["activity"][number];

function activityHref(item: Activity): string {
  if (item.kind === "experience") return `/experiences/${item.id}`;
  if (item.kind === "topic") return `/topics/${item.id}`;
  return `/solutions/${item.slug}`;
}

function ActivityLine({ item }: { item: Activity }) {
  const t = useT();
  const language = useLanguage();
  const date = formatDate(new Date(item.at), language);
  if (item.kind === "experience") return <>{t("dashboard.activity.experience", { date })}</>;
  if (item.kind === "topic") return <>{t("dashboard.activity.topic", { date })}</>;
  return <>{t("dashboard.activity.adoption", { date, state: item.state ? t(`solutions.adoption.${item.state}`) : "" })}</>;
}

/** One card of "your forum": a labelled section with its heading. */
function Card({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="ds-card min-w-0" data-variant="tinted" aria-labelledby={id}>
      <h3 id={id} className="ds-heading" data-size="xs">
        {heading}
      </h3>
      {children}
    </section>
  );
}

function Registrations({ registrations }: Pick<YourForumData, "registrations">) {
  const t = useT();
  return (
    <Card id="your-registrations" heading={t("dashboard.registrations.heading")}>
      {registrations.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {registrations.map((session) => (
            <li key={session.id} className="break-words">
              <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
                <Norwegian>{session.title}</Norwegian>
              </Link>
              <span className="block text-sm">
                <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ds-paragraph mt-2" data-size="sm">
          {t("dashboard.registrations.none")}{" "}
          <Link className="ds-link" to="/forum-sessions">
            {t("dashboard.registrations.all")}
          </Link>
        </p>
      )}
    </Card>
  );
}

function MunicipalityActivity({ municipality }: { municipality: NonNullable<YourForumData["municipality"]> }) {
  const t = useT();
  return (
    <Card id="your-municipality" heading={t("dashboard.municipality.heading", { name: municipality.name })}>
      {municipality.activity.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {municipality.activity.map((item) => (
            <li key={`${item.kind}-${item.id}`} className="min-w-0 break-words">
              <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link className="ds-link" to={activityHref(item)}>
                  <Norwegian>{item.title}</Norwegian>
                </Link>
                {item.visibility ? <MembersOnlyTag visibility={item.visibility} /> : null}
              </span>
              <span className="block text-sm">
                <ActivityLine item={item} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ds-paragraph mt-2" data-size="sm">
          {t("dashboard.municipality.none")}
        </p>
      )}
      <p className="mt-3">
        <Link className="ds-link" to={`/municipalities/${municipality.number}`}>
          {t("dashboard.municipality.page", { name: municipality.name })}
        </Link>
      </p>
    </Card>
  );
}

function FollowedThemes({ themes }: { themes: YourForumData["followedThemes"] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <Card id="your-themes" heading={t("dashboard.followed.heading")}>
      {themes.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {themes.map((theme) => (
            <li key={theme.slug} className="min-w-0 break-words">
              <Link className="ds-link font-semibold" to={`/themes/${theme.slug}`}>
                {themeName(theme, language)}
              </Link>
              <span className="block text-sm">
                {theme.latestId && theme.latestTitle ? (
                  <>
                    {t("dashboard.followed.latest")}{" "}
                    <Link className="ds-link" to={`/experiences/${theme.latestId}`}>
                      <Norwegian>{theme.latestTitle}</Norwegian>
                    </Link>
                  </>
                ) : (
                  t("dashboard.followed.empty")
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ds-paragraph mt-2" data-size="sm">
          {t("dashboard.followed.none")}
        </p>
      )}
    </Card>
  );
}

function UnreadNotifications({ unread }: Pick<YourForumData, "unread">) {
  const t = useT();
  const language = useLanguage();
  return (
    <Card id="your-notifications" heading={t("dashboard.notifications.heading")}>
      <p className="ds-paragraph mt-2" data-size="sm">
        {unread.count > 0 ? t("dashboard.notifications.count", { count: unread.count }) : t("dashboard.notifications.none")}
      </p>
      {unread.newest.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {unread.newest.map((notification) => (
            <li key={notification.id} className="min-w-0 break-words">
              {notificationText(t, language, notification)}
              <span className="block text-sm">
                <Day at={notification.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3">
        <Link className="ds-link" to="/notifications">
          {t("dashboard.notifications.all")}
        </Link>
      </p>
    </Card>
  );
}

/** An approved member's own corner of the front page. */
export function YourForum({ forum }: { forum: YourForumData }) {
  const t = useT();
  return (
    <section className="mt-10" aria-labelledby="your-forum">
      <h2 id="your-forum" className="ds-heading" data-size="md">
        {t("dashboard.yourForum.heading")}
      </h2>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <Registrations registrations={forum.registrations} />
        {forum.municipality ? <MunicipalityActivity municipality={forum.municipality} /> : null}
        <FollowedThemes themes={forum.followedThemes} />
        <UnreadNotifications unread={forum.unread} />
      </div>
    </section>
  );
}
