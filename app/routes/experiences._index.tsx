import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PROCUREMENT_PROCEDURES } from "../../db/schema/experience-values";
import { experienceListHref, isFiltered, readExperienceListQuery, SORT_LABELS } from "~/experiences/experience-list-query";
import { isFollowing, listExperiences } from "~/experiences/experiences.server";
import { FollowForm } from "~/experiences/follow-form";
import { translator, useLanguage, useT, type Language, type Translate } from "~/i18n/i18n";
import { FilterSelect } from "~/ui/filter-select";
import { ListHeading } from "~/ui/list-heading";
import { Pagination } from "~/ui/pagination";
import { formatDate } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { capitalise } from "~/lib/text";
import { feedLinks, languageOfMatches, pageTitle } from "~/ui/meta";
import { Norwegian, useContentLang } from "~/ui/norwegian";
import { baseData } from "~/base-data.server";

/** Far beyond any real list (20 a page): a larger number reads as this one, an empty page. */
const LAST_PAGE = 100_000;

type Theme = { slug: string; nameNb: string; nameEn: string };
const themeName = (theme: Theme, language: Language) => (language === "nb" ? theme.nameNb : theme.nameEn);

/** The feeds of published public write-ups: all of them, and the chosen theme's. */
function feedsOf(t: Translate, language: Language, theme: Theme | undefined) {
  return [
    { title: t("experienceList.feed.all"), path: "/feeds/experiences", rss: t("experienceList.feed.allRss"), atom: t("experienceList.feed.allAtom") },
    ...(theme
      ? [
          {
            title: t("experienceList.feed.theme", { theme: themeName(theme, language) }),
            path: `/feeds/themes/${encodeURIComponent(theme.slug)}/experiences`,
            rss: t("experienceList.feed.themeRss", { theme: themeName(theme, language) }),
            atom: t("experienceList.feed.themeAtom", { theme: themeName(theme, language) }),
          },
        ]
      : []),
  ];
}

const chosenTheme = (data: { themes: Theme[]; filters: { themeSlug?: string } }) => data.themes.find((theme) => theme.slug === data.filters.themeSlug);

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const language = languageOfMatches(matches);
  const feeds = feedsOf(translator(language), language, data ? chosenTheme(data) : undefined);
  return [...pageTitle(matches, "nav.experiences"), ...feedLinks(feeds)];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [signedIn, base] = await Promise.all([getViewer(request, context), baseData(request, context)]);
  const { themes, counties, countyOf } = base;
  const viewer = summarise(signedIn);
  const approved = can(viewer, "write");
  const filters = readExperienceListQuery(new URL(request.url).searchParams, {
    themeSlugs: base.themeSlugs,
    countyNumbers: base.countyNumbers,
    countyOf,
  });
  const page = pageNumber(request, LAST_PAGE);
  const theme = themes.find((th) => th.slug === filters.themeSlug);
  const municipality = filters.municipalityNumber
    ? base.municipality.get(filters.municipalityNumber)
    : undefined;
  const [list, followsTheme, followsMunicipality] = await Promise.all([
    listExperiences(filters, page, viewer),
    theme && approved ? isFollowing(viewer?.id, { themeId: theme.id }) : false,
    municipality && approved ? isFollowing(viewer?.id, { municipalityNumber: municipality.number }) : false,
  ]);
  // The municipality list is the chosen county's: all 357 would double the page's weight.
  const shownCounty = filters.countyNumber ?? (filters.municipalityNumber ? countyOf.get(filters.municipalityNumber) : undefined);
  return {
    filters,
    page,
    total: list.total,
    pageCount: list.pageCount,
    experiences: list.experiences.map((experience) => ({
      id: experience.id,
      title: experience.title,
      summary: experience.summary,
      membersOnly: experience.visibility === "members",
      publishedAt: experience.publishedAt,
      updatedAt: experience.updatedAt,
      commentCount: experience.commentCount,
      municipalityName: experience.municipalityName,
      procedure: experience.procedure,
      themes: experience.themes.map((th) => th.slug),
    })),
    themes: base.themeChoices,
    counties: base.countyChoices,
    shownCounty: shownCounty ?? null,
    municipalities: (counties.find((c) => c.number === shownCounty)?.municipalities ?? []).map((m): [string, string] => [m.number, m.name]),
    follow: {
      theme: theme ? { slug: theme.slug, following: followsTheme } : null,
      municipality: municipality ? { number: municipality.number, name: municipality.name, following: followsMunicipality } : null,
    },
    standing: approved ? "approved" : viewer ? "pending" : "anonymous",
  } as const;
}

type Data = Awaited<ReturnType<typeof loader>>;

function Filters() {
  const { filters, themes, counties, municipalities, shownCounty } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const contentLang = useContentLang();
  return (
    // A plain GET form: the whole query lands in the address, to bookmark or share, with or without JavaScript.
    // Keyed by that address, so the fields show the filters again after a link changes them in the browser.
    <Form key={experienceListHref(filters)} method="get" action="/experiences" className="ds-card mt-8" data-variant="tinted" aria-label={t("experienceList.filters")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FilterSelect
          name="sort"
          label={t("experienceList.sort")}
          value={filters.sort}
          options={Object.entries(SORT_LABELS).map(([sort, key]) => [sort, t(key)])}
        />
        <FilterSelect
          name="theme"
          label={t("experienceList.theme")}
          value={filters.themeSlug}
          all={t("experienceList.theme.all")}
          options={themes.map((theme) => [theme.slug, themeName(theme, language)])}
        />
        <FilterSelect
          name="procedure"
          label={t("experienceList.procedure")}
          value={filters.procedure}
          all={t("experienceList.procedure.all")}
          options={PROCUREMENT_PROCEDURES.map((procedure) => [procedure, capitalise(t(`experiences.procedure.${procedure}`))])}
        />
        <FilterSelect
          name="county"
          label={t("experienceList.county")}
          value={shownCounty ?? undefined}
          all={t("experienceList.county.all")}
          options={counties}
          lang={contentLang}
        />
        {shownCounty ? (
          <FilterSelect
            name="municipality"
            label={t("experienceList.municipality")}
            value={filters.municipalityNumber}
            all={t("experienceList.municipality.all")}
            options={municipalities}
            lang={contentLang}
          />
        ) : (
          <p className="ds-paragraph self-end" data-size="sm">
            {t("experienceList.municipality.chooseCounty")}
          </p>
        )}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="ds-button" data-variant="primary">
          {t("experienceList.apply")}
        </button>
        {isFiltered(filters) ? (
          <Link className="ds-link" to={experienceListHref({ sort: filters.sort })}>
            {t("experienceList.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function ExperienceRow({ experience }: { experience: Data["experiences"][number] }) {
  const { themes, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const themeNames = experience.themes
    .map((slug) => themes.find((theme) => theme.slug === slug))
    .filter((theme) => theme !== undefined)
    .map((theme) => themeName(theme, language));
  const publishedAt = experience.publishedAt ? new Date(experience.publishedAt) : null;
  const updatedAt = new Date(experience.updatedAt);
  return (
    <li className="ds-card min-w-0" data-variant="tinted">
      <h2 className="ds-heading break-words" data-size="xs">
        <Link className="ds-link" to={`/experiences/${experience.id}`}>
          <Norwegian>{experience.title}</Norwegian>
        </Link>
      </h2>
      {experience.membersOnly || experience.procedure ? (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1" data-size="sm">
          {experience.membersOnly ? (
            <span className="ds-tag" data-color="warning" data-size="sm">
              {t("experienceList.membersOnly")}
            </span>
          ) : null}
          {experience.procedure ? (
            <span className="ds-tag" data-color="info" data-size="sm">
              {capitalise(t(`experiences.procedure.${experience.procedure}`))}
            </span>
          ) : null}
        </p>
      ) : null}
      <p className="ds-paragraph mt-2 break-words">
        <Norwegian>{experience.summary}</Norwegian>
      </p>
      <p className="ds-paragraph mt-2 break-words" data-size="sm">
        {experience.municipalityName ? <Norwegian>{experience.municipalityName}</Norwegian> : t("experienceList.noMunicipality")}
        {publishedAt ? (
          <>
            {" · "}
            {t("experienceList.publishedOn", { date: formatDate(publishedAt, language) })}
          </>
        ) : null}
        {filters.sort === "updated" ? `, ${t("experienceList.updatedOn", { date: formatDate(updatedAt, language) })}` : null}
        {" · "}
        {t("experienceList.comments", { count: experience.commentCount })}
      </p>
      {themeNames.length > 0 ? (
        <p className="ds-paragraph mt-1 break-words" data-size="sm">
          {t("experienceList.themes", { themes: themeNames.join(", ") })}
        </p>
      ) : null}
    </li>
  );
}

/** Follow the theme or the municipality the list is filtered by. */
function Follow() {
  const data = useLoaderData<typeof loader>();
  const language = useLanguage();
  const theme = chosenTheme(data);
  const viewerState = data.standing === "approved" ? "member" : data.standing;
  if (!data.follow.theme && !data.follow.municipality) return null;
  return (
    <div className="mt-6 space-y-3">
      {theme && data.follow.theme ? (
        <FollowForm subject={{ theme: theme.slug, name: themeName(theme, language) }} following={data.follow.theme.following} viewerState={viewerState} />
      ) : null}
      {data.follow.municipality ? (
        <FollowForm
          subject={{ municipality: data.follow.municipality.number, name: data.follow.municipality.name }}
          following={data.follow.municipality.following}
          viewerState={viewerState}
        />
      ) : null}
    </div>
  );
}

/** The feeds of all public write-ups and, when filtered by one, of the theme's. */
function Feeds() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <div className="mt-8 space-y-1">
      <p className="ds-paragraph flex flex-wrap gap-x-4 gap-y-1" data-size="sm">
        <span>{t("experienceList.feeds")}</span>
        {/* Feeds are files, not pages: plain links, loaded by the browser (or a feed reader) in full. */}
        {feedsOf(t, language, chosenTheme(data)).map((feed) => (
          <span key={feed.path} className="flex flex-wrap gap-x-3">
            <a className="ds-link" href={`${feed.path}.rss`} type="application/rss+xml">
              {feed.rss}
            </a>
            <a className="ds-link" href={`${feed.path}.atom`} type="application/atom+xml">
              {feed.atom}
            </a>
          </span>
        ))}
      </p>
      <p className="ds-paragraph" data-size="sm">
        {t("experienceList.feed.publicOnly")}
      </p>
    </div>
  );
}

export default function ExperiencesPage() {
  const { experiences, total, page, pageCount, filters, standing } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <ListHeading
        title={t("nav.experiences")}
        lead={t("experienceList.lead")}
        action={{ to: "/experiences/new", label: t("experienceList.write") }}
        standing={standing}
        signIn={t("experienceList.signIn")}
        pending={t("experienceList.pending")}
      />

      <Filters />
      <Follow />

      <p className="ds-paragraph mt-8 font-semibold" role="status">
        {total === 0 && !isFiltered(filters) ? t("experienceList.none") : t("experienceList.count", { count: total })}
        {page > 1 && page <= pageCount ? ` · ${t("experienceList.pageOf", { page, pages: pageCount })}` : null}
      </p>
      {experiences.length > 0 ? (
        <ul className="mt-4 space-y-3">
          {experiences.map((experience) => (
            <ExperienceRow key={experience.id} experience={experience} />
          ))}
        </ul>
      ) : total > 0 ? (
        <p className="ds-paragraph mt-4">
          {t("experienceList.beyondLast")}{" "}
          <Link className="ds-link" to={experienceListHref(filters)}>
            {t("experienceList.firstPage")}
          </Link>
        </p>
      ) : isFiltered(filters) ? (
        <p className="ds-paragraph mt-4">{t("experienceList.noMatch")}</p>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={(n) => experienceListHref(filters, n)} label={t("experienceList.pages")} />
      <Feeds />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
