import { personName } from "~/members/person-name";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AdoptionState, SolutionStatus } from "../../db/schema/solution-values";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { capitalise } from "~/lib/text";
import { Norwegian } from "~/ui/norwegian";

type When = Date | string;

/** A date column's YYYY-MM-DD as the reader writes dates (noon UTC is the same day in Oslo). */
export const formatDay = (day: string, language: "nb" | "en") => formatDate(new Date(`${day}T12:00:00Z`), language);

export type OwnerRef = { type: "municipality"; number: string; name: string } | { type: "organisation"; slug: string; name: string; kind: string };

export interface SolutionFactsProps {
  owner: OwnerRef | null;
  suppliers: { slug: string; name: string }[];
  components: string[];
  archiveSystems: string[];
  links: { websiteUrl: string | null; sourceUrl: string | null; documentationUrl: string | null };
  licence: string | null;
  openSource: boolean;
  /** Name and email for approved members; null for everyone else (who contact the owner). */
  contact: { name: string; email: string } | null;
  themes: { slug: string; nameNb: string; nameEn: string }[];
}

function Term({ children }: { children: string }) {
  return <dt className="mt-2 font-semibold sm:mt-0">{children}</dt>;
}

function Inline({ items }: { items: ReactNode[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function OwnerLink({ owner }: { owner: OwnerRef }) {
  const t = useT();
  if (owner.type === "municipality") {
    return (
      <Link className="ds-link" to={`/municipalities/${owner.number}`}>
        <Norwegian>{owner.name}</Norwegian>
      </Link>
    );
  }
  return (
    <>
      <Link className="ds-link" to={`/organisations/${owner.slug}`}>
        <Norwegian>{owner.name}</Norwegian>
      </Link>{" "}
      ({t(`organisations.kind.${owner.kind}` as "organisations.kind.supplier")})
    </>
  );
}

/** Who owns and supplies it, what it rests on, where it is documented, under what licence, whom to ask. */
export function SolutionFacts({ owner, suppliers, components, archiveSystems, links, licence, openSource, contact, themes }: SolutionFactsProps) {
  const t = useT();
  const language = useLanguage();
  const outbound = (
    [
      ["websiteUrl", "solutionPage.website"],
      ["sourceUrl", "solutionPage.source"],
      ["documentationUrl", "solutionPage.documentation"],
    ] as const
  ).filter(([key]) => links[key]);
  return (
    <dl className="mt-6 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
      {owner ? (
        <>
          <Term>{t("solutionPage.owner")}</Term>
          <dd className="min-w-0 break-words">
            <OwnerLink owner={owner} />
          </dd>
        </>
      ) : null}
      {suppliers.length > 0 ? (
        <>
          <Term>{t("solutionPage.suppliers")}</Term>
          <dd className="min-w-0 break-words">
            <Inline
              items={suppliers.map((s) => (
                <Link key={s.slug} className="ds-link" to={`/organisations/${s.slug}`}>
                  <Norwegian>{s.name}</Norwegian>
                </Link>
              ))}
            />
          </dd>
        </>
      ) : null}
      {components.length > 0 ? (
        <>
          <Term>{t("solutionPage.components")}</Term>
          <dd className="min-w-0 break-words">
            <Inline items={components.map((c) => <Norwegian key={c}>{c}</Norwegian>)} />
          </dd>
        </>
      ) : null}
      {archiveSystems.length > 0 ? (
        <>
          <Term>{t("solutionPage.archiveSystems")}</Term>
          <dd className="min-w-0 break-words">
            <Inline items={archiveSystems.map((a) => <Norwegian key={a}>{a}</Norwegian>)} />
          </dd>
        </>
      ) : null}
      {outbound.length > 0 ? (
        <>
          <Term>{t("solutionPage.links")}</Term>
          <dd className="min-w-0 break-words">
            <Inline
              items={outbound.map(([key, label]) => (
                // Addresses typed by members lead off the site: no referrer, no window.opener, no ranking credit.
                <a key={key} className="ds-link" href={links[key]!} rel="noopener noreferrer nofollow external">
                  {t(label)}
                </a>
              ))}
            />
          </dd>
        </>
      ) : null}
      <Term>{t("solutionPage.licence")}</Term>
      <dd className="min-w-0 break-words">
        {licence ? <>{licence} · </> : null}
        {t(openSource ? "solutionPage.openSource" : "solutionPage.notOpenSource")}
      </dd>
      <Term>{t("solutionPage.contact")}</Term>
      <dd className="min-w-0 break-words">
        {contact ? (
          <>
            {contact.name}, <a className="ds-link" href={`mailto:${contact.email}`}>{contact.email}</a>
          </>
        ) : owner ? (
          <>
            {t("solutionPage.contactOwner")} <OwnerLink owner={owner} />
          </>
        ) : (
          t("solutionPage.noContact")
        )}
      </dd>
      {themes.length > 0 ? (
        <>
          <Term>{t("solutionPage.themes")}</Term>
          <dd className="min-w-0">
            <Inline
              items={themes.map((theme) => (
                <Link key={theme.slug} className="ds-link" to={`/solutions?theme=${encodeURIComponent(theme.slug)}`}>
                  {language === "nb" ? theme.nameNb : theme.nameEn}
                </Link>
              ))}
            />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export interface TimelineRow {
  id: number;
  fromStatus: SolutionStatus | null;
  toStatus: SolutionStatus;
  note: string;
  effectiveOn: string;
  /** For approved members only. */
  changedByName: string | null;
}

/** The scaling status timeline, oldest first: date, from → to, the note, and (for members) who. */
export function StatusTimeline({ history }: { history: TimelineRow[] }) {
  const t = useT();
  const language = useLanguage();
  if (history.length === 0) return <p className="ds-paragraph mt-2">{t("solutionPage.noHistory")}</p>;
  return (
    <ol className="mt-3 max-w-3xl space-y-3 border-l-4 border-[var(--ds-color-neutral-border-subtle)] pl-4">
      {history.map((row) => (
        <li key={row.id} className="min-w-0 break-words">
          <p className="ds-paragraph">
            <time className="font-semibold" dateTime={row.effectiveOn}>
              {formatDay(row.effectiveOn, language)}
            </time>
            {": "}
            {row.fromStatus
              ? t("solutionPage.history.changed", { from: t(`solutions.status.${row.fromStatus}`), to: t(`solutions.status.${row.toStatus}`) })
              : t("solutionPage.history.accepted", { to: t(`solutions.status.${row.toStatus}`) })}
            {row.changedByName !== null ? ` (${personName(t, row.changedByName)})` : null}
          </p>
          {row.note ? (
            <p className="ds-paragraph whitespace-pre-line" data-size="sm">
              <Norwegian>{row.note}</Norwegian>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export interface AdoptionRow {
  municipalityNumber: string;
  municipalityName: string;
  countyName: string;
  state: AdoptionState;
  since: string;
  note: string;
  openToJointProcurement: boolean;
  confirmedAt: When;
  stale: boolean;
  /** For approved members only. */
  recordedByName: string | null;
  viaOrganisationName: string | null;
}

/** Furthest along first: who uses it, pilots it, plans it, wants it, and last who stopped. */
const LIST_ORDER: readonly AdoptionState[] = ["in_use", "piloting", "planning", "interested", "discontinued"];

/**
 * The municipalities by adoption state, each with since when, its note, whether it is open to joint
 * procurement, and "possibly stale" with the last confirmed date. Coordinators get a link to change one.
 */
export function AdoptionList({
  adoptions,
  counts,
  allHref,
  changeHref,
}: {
  adoptions: AdoptionRow[];
  /** How many there are of each state, when only the first few of each are given. */
  counts: Partial<Record<AdoptionState, number>>;
  /** Where all of them are listed. */
  allHref: string;
  changeHref: ((municipalityNumber: string) => string) | null;
}) {
  const t = useT();
  const language = useLanguage();
  if (adoptions.length === 0) return <p className="ds-paragraph mt-2">{t("solutionPage.adoptions.none")}</p>;
  return (
    <>
      {LIST_ORDER.map((state) => {
        const rows = adoptions.filter((a) => a.state === state);
        if (rows.length === 0) return null;
        return (
          <section key={state} className="mt-6" aria-labelledby={`adoptions-${state}`}>
            <h3 id={`adoptions-${state}`} className="ds-heading" data-size="2xs">
              {capitalise(t(`solutions.adoption.${state}`))} ({counts[state] ?? rows.length})
            </h3>
            <ul className="mt-2 max-w-3xl space-y-2">
              {rows.map((row) => (
                <li key={row.municipalityNumber} className="min-w-0 break-words">
                  <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Link className="ds-link" to={`/municipalities/${row.municipalityNumber}`}>
                      <Norwegian>{row.municipalityName}</Norwegian>
                    </Link>
                    <span className="text-sm">
                      <Norwegian>{row.countyName}</Norwegian>
                    </span>
                    {row.openToJointProcurement ? (
                      <span className="ds-tag" data-color="info" data-size="sm">
                        {t("solutionPage.adoptions.jointProcurement")}
                      </span>
                    ) : null}
                    {row.stale ? (
                      <span className="ds-tag" data-color="warning" data-size="sm">
                        {t("solutionPage.adoptions.stale", { date: formatDate(new Date(row.confirmedAt), language) })}
                      </span>
                    ) : null}
                  </span>
                  <span className="block text-sm">
                    {t("solutionPage.adoptions.since", { date: formatDay(row.since, language) })}
                    {row.viaOrganisationName ? (
                      <>
                        {" · "}
                        {t("solutionPage.adoptions.via", { organisation: row.viaOrganisationName })}
                      </>
                    ) : null}
                    {row.recordedByName ? (
                      <>
                        {" · "}
                        {t("solutionPage.adoptions.recordedBy", { name: row.recordedByName })}
                      </>
                    ) : null}
                  </span>
                  {row.note ? (
                    <span className="block whitespace-pre-line text-sm">
                      <Norwegian>{row.note}</Norwegian>
                    </span>
                  ) : null}
                  {changeHref ? (
                    <Link className="ds-link text-sm" to={changeHref(row.municipalityNumber)}>
                      {t("solutionPage.adoptions.change", { municipality: row.municipalityName })}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
            {(counts[state] ?? 0) > rows.length ? (
              <p className="ds-paragraph mt-2" data-size="sm">
                <Link className="ds-link" to={allHref}>
                  {t("solutionPage.adoptions.more", { count: (counts[state] ?? 0) - rows.length })}
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

export interface SessionRow {
  id: number;
  title: string;
  startsAt: When;
  agendaItemTitle: string | null;
}

/** The forum sessions where it was presented, with the agenda item that did. */
export function ForumSessionLinks({ sessions }: { sessions: SessionRow[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul className="mt-3 space-y-3">
      {sessions.map((session) => (
        <li key={session.id} className="min-w-0 break-words">
          <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
            <Norwegian>{session.title}</Norwegian>
          </Link>
          <span className="block text-sm">
            <time dateTime={new Date(session.startsAt).toISOString()}>{formatDate(new Date(session.startsAt), language)}</time>
            {session.agendaItemTitle ? (
              <>
                {" · "}
                {t("solutionPage.sessions.item")} <Norwegian>{session.agendaItemTitle}</Norwegian>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
