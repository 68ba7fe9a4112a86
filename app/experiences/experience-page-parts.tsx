import { personName } from "~/members/person-name";
import { Link } from "@remix-run/react";
import type { ContractValueBand, ExperienceStatus, ExperienceVisibility, ProcurementProcedure } from "../../db/schema/experience-values";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { agendaItemHref } from "~/topics/topic-page-parts";
import { capitalise } from "~/lib/text";
import { Norwegian } from "~/ui/norwegian";

type When = Date | string;

export interface MunicipalityRef {
  number: string;
  name: string;
}

/** Who wrote it, by name: given to approved members only (null for everyone else). */
export interface Writer {
  name: string;
  municipalityName: string | null;
  coAuthor: boolean;
}

/** Where a write-up came from, as the viewer may see it (a draft forum session has no title, no link). */
export interface Origin {
  forumSession: { id: number; title: string | null; startsAt: When } | null;
  agendaItem: { id: number; title: string; forumSessionId: number } | null;
  topic: { id: number; title: string } | null;
}

export interface ThemeRef {
  slug: string;
  nameNb: string;
  nameEn: string;
}

export interface ProcurementBox {
  procedure: ProcurementProcedure;
  year: number | null;
  suppliers: string[];
  valueBand: ContractValueBand | null;
  partners: MunicipalityRef[];
  lessons: string;
}

/** Whether an origin has anything to show. */
export const hasOrigin = (origin: Origin) => Boolean(origin.forumSession || origin.agendaItem || origin.topic);

function MunicipalityLinks({ municipalities }: { municipalities: MunicipalityRef[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1">
      {municipalities.map((m) => (
        <li key={m.number}>
          <Link className="ds-link" to={`/municipalities/${m.number}`}>
            <Norwegian>{m.name}</Norwegian>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Term({ children }: { children: string }) {
  return <dt className="mt-2 font-semibold sm:mt-0">{children}</dt>;
}

function OriginList({ origin }: { origin: Origin }) {
  const t = useT();
  const language = useLanguage();
  const { forumSession, agendaItem, topic } = origin;
  return (
    <ul className="space-y-1">
      {forumSession ? (
        <li>
          {forumSession.title ? (
            <Link className="ds-link" to={`/forum-sessions/${forumSession.id}`}>
              {t("experiencePage.fromSession", { title: forumSession.title, date: formatDate(new Date(forumSession.startsAt), language) })}
            </Link>
          ) : (
            t("experiencePage.fromDraftSession")
          )}
        </li>
      ) : null}
      {agendaItem ? (
        <li>
          <Link className="ds-link" to={agendaItemHref(agendaItem.forumSessionId, agendaItem.id)}>
            {t("experiencePage.fromAgendaItem", { title: agendaItem.title })}
          </Link>
        </li>
      ) : null}
      {topic ? (
        <li>
          <Link className="ds-link" to={`/topics/${topic.id}`}>
            {t("experiencePage.fromTopic", { title: topic.title })}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * What a write-up's page says about it beside the text: the municipalities it is by, who wrote it (for
 * members), when, its themes, visibility and where it came from.
 */
export function ExperienceFacts({
  municipalities,
  writers,
  status,
  visibility,
  publishedAt,
  updatedAt,
  themes,
  origin,
}: {
  municipalities: MunicipalityRef[];
  writers: Writer[] | null;
  status: ExperienceStatus;
  visibility: ExperienceVisibility;
  publishedAt: When | null;
  updatedAt: When;
  themes: ThemeRef[];
  origin: Origin;
}) {
  const t = useT();
  const language = useLanguage();
  const published = publishedAt ? new Date(publishedAt) : null;
  const updated = new Date(updatedAt);
  return (
    <dl className="mt-6 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
      {municipalities.length > 0 ? (
        <>
          <Term>{t("experiencePage.by")}</Term>
          <dd className="min-w-0">
            <MunicipalityLinks municipalities={municipalities} />
          </dd>
        </>
      ) : null}
      {writers && writers.length > 0 ? (
        <>
          <Term>{t("experiencePage.writtenBy")}</Term>
          <dd className="min-w-0">
            <ul className="space-y-1">
              {writers.map((writer, i) => (
                <li key={i}>
                  {personName(t, writer.name)}
                  {writer.municipalityName ? (
                    <>
                      {", "}
                      <Norwegian>{writer.municipalityName}</Norwegian>
                    </>
                  ) : null}
                  {writer.coAuthor ? ` (${t("experiencePage.coAuthor")})` : null}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {published ? (
        <>
          <Term>{t("experiencePage.published")}</Term>
          <dd>
            <time dateTime={published.toISOString()}>{formatDate(published, language)}</time>
          </dd>
        </>
      ) : null}
      {/* A draft shows when it was last saved; a published write-up when it last changed after publishing. */}
      {status === "draft" || (published && updated > published) ? (
        <>
          <Term>{t(status === "draft" ? "experiencePage.lastSaved" : "experiencePage.updated")}</Term>
          <dd>
            <time dateTime={updated.toISOString()}>{formatDate(updated, language)}</time>
          </dd>
        </>
      ) : null}
      {themes.length > 0 ? (
        <>
          <Term>{t("experiencePage.themes")}</Term>
          <dd className="min-w-0">
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {themes.map((theme) => (
                <li key={theme.slug}>
                  <Link className="ds-link" to={`/experiences?theme=${encodeURIComponent(theme.slug)}`}>
                    {language === "nb" ? theme.nameNb : theme.nameEn}
                  </Link>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <Term>{t("experiencePage.visibility")}</Term>
      <dd>
        {visibility === "members" ? (
          <span className="ds-tag" data-color="warning" data-size="sm">
            {capitalise(t("experiences.visibility.members"))}
          </span>
        ) : (
          capitalise(t("experiences.visibility.public"))
        )}
      </dd>
      {hasOrigin(origin) ? (
        <>
          <Term>{t("experiencePage.cameFrom")}</Term>
          <dd className="min-w-0 break-words">
            <OriginList origin={origin} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The procurement fact box: procedure, year, suppliers, value band, partners, what they would do differently. */
export function ProcurementFactBox({ facts }: { facts: ProcurementBox }) {
  const t = useT();
  return (
    <section className="ds-card mt-8 max-w-3xl" data-variant="tinted" aria-labelledby="procurement">
      <h2 id="procurement" className="ds-heading" data-size="xs">
        {t("experiencePage.procurement.heading")}
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
        <Term>{t("experiencePage.procurement.procedure")}</Term>
        <dd>{capitalise(t(`experiences.procedure.${facts.procedure}`))}</dd>
        {facts.year ? (
          <>
            <Term>{t("experiencePage.procurement.year")}</Term>
            <dd>{facts.year}</dd>
          </>
        ) : null}
        {facts.suppliers.length > 0 ? (
          <>
            <Term>{t("experiencePage.procurement.suppliers")}</Term>
            <dd className="min-w-0 break-words">
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {facts.suppliers.map((supplier, i) => (
                  <li key={i}>
                    <Norwegian>{supplier}</Norwegian>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {facts.valueBand ? (
          <>
            <Term>{t("experiencePage.procurement.valueBand")}</Term>
            <dd>{capitalise(t(`experiences.valueBand.${facts.valueBand}`))}</dd>
          </>
        ) : null}
        {facts.partners.length > 0 ? (
          <>
            <Term>{t("experiencePage.procurement.partners")}</Term>
            <dd className="min-w-0">
              <MunicipalityLinks municipalities={facts.partners} />
            </dd>
          </>
        ) : null}
        {facts.lessons ? (
          <>
            <Term>{t("experiencePage.procurement.lessons")}</Term>
            <dd className="min-w-0 break-words whitespace-pre-line">
              <Norwegian>{facts.lessons}</Norwegian>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
