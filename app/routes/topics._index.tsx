import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TOPIC_STATUSES } from "../../db/schema/topic-values";
import { useLanguage, useT } from "~/i18n/i18n";
import { FilterSelect } from "~/ui/filter-select";
import { ListHeading } from "~/ui/list-heading";
import { Pagination } from "~/ui/pagination";
import { formatDate } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { isFiltered, MINE, readTopicListQuery, SORT_LABELS, topicListHref } from "~/topics/topic-list-query";
import { capitalise } from "~/lib/text";
import { TopicStatusTag } from "~/topics/topic-status-tag";
import { listTopics } from "~/topics/topics.server";
import { pageTitle } from "~/ui/meta";
import { Norwegian, useContentLang } from "~/ui/norwegian";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.topics");

/** Far beyond any real list (20 a page): a larger number reads as this one, an empty page. */
const LAST_PAGE = 100_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [viewer, base] = await Promise.all([getViewer(request, context), baseData(request, context)]);
  const { counties, countyOf } = base;
  const approved = can(summarise(viewer), "write");
  const filters = readTopicListQuery(new URL(request.url).searchParams, {
    themeSlugs: base.themeSlugs,
    countyNumbers: base.countyNumbers,
    countyOf,
    mayFilterOwn: approved,
  });
  const page = pageNumber(request, LAST_PAGE);
  const list = await listTopics(filters, page, viewer?.member.id ?? null);
  // The municipality list is the chosen county's: all 357 would double the page's weight.
  const shownCounty = filters.countyNumber ?? (filters.municipalityNumber ? countyOf.get(filters.municipalityNumber) : undefined);
  return {
    filters,
    page,
    total: list.total,
    pageCount: list.pageCount,
    topics: list.topics.map((topic) => ({
      id: topic.id,
      title: topic.title,
      status: topic.status,
      supportCount: topic.supportCount,
      createdAt: topic.createdAt,
      lastActivityAt: topic.lastActivityAt,
      municipalityName: topic.municipalityName,
      supported: topic.supported,
      themes: topic.themes.map((theme) => theme.slug),
    })),
    themes: base.themeChoices,
    counties: base.countyChoices,
    shownCounty: shownCounty ?? null,
    municipalities: (counties.find((c) => c.number === shownCounty)?.municipalities ?? []).map((m): [string, string] => [m.number, m.name]),
    standing: approved ? "approved" : viewer ? "pending" : "anonymous",
  } as const;
}

type Data = Awaited<ReturnType<typeof loader>>;

function Filters() {
  const { filters, themes, counties, municipalities, shownCounty, standing } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const contentLang = useContentLang();
  return (
    // A plain GET form: the whole query lands in the address, to bookmark or share, with or without JavaScript.
    <Form method="get" action="/topics" className="ds-card mt-8" data-variant="tinted" aria-label={t("topicList.filters")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FilterSelect
          name="sort"
          label={t("topicList.sort")}
          value={filters.sort}
          options={Object.entries(SORT_LABELS).map(([sort, key]) => [sort, t(key)])}
        />
        <FilterSelect
          name="status"
          label={t("topicList.status")}
          value={filters.status}
          all={t("topicList.status.all")}
          options={TOPIC_STATUSES.map((status) => [status, capitalise(t(`topics.status.${status}`))])}
        />
        <FilterSelect
          name="theme"
          label={t("topicList.theme")}
          value={filters.themeSlug}
          all={t("topicList.theme.all")}
          options={themes.map((theme) => [theme.slug, language === "nb" ? theme.nameNb : theme.nameEn])}
        />
        <FilterSelect
          name="county"
          label={t("topicList.county")}
          value={shownCounty ?? undefined}
          all={t("topicList.county.all")}
          options={counties}
          lang={contentLang}
        />
        {shownCounty ? (
          <FilterSelect
            name="municipality"
            label={t("topicList.municipality")}
            value={filters.municipalityNumber}
            all={t("topicList.municipality.all")}
            options={municipalities}
            lang={contentLang}
          />
        ) : (
          <p className="ds-paragraph self-end" data-size="sm">
            {t("topicList.municipality.chooseCounty")}
          </p>
        )}
        {standing === "approved" ? (
          <FilterSelect
            name="mine"
            label={t("topicList.mine")}
            value={filters.mine}
            all={t("topicList.mine.all")}
            options={MINE.map((mine) => [mine, t(`topicList.mine.${mine}`)])}
          />
        ) : null}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="ds-button" data-variant="primary">
          {t("topicList.apply")}
        </button>
        {isFiltered(filters) ? (
          <Link className="ds-link" to={topicListHref({ sort: filters.sort })}>
            {t("topicList.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function TopicRow({ topic }: { topic: Data["topics"][number] }) {
  const { themes, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const themeNames = topic.themes
    .map((slug) => themes.find((theme) => theme.slug === slug))
    .map((theme) => (theme ? (language === "nb" ? theme.nameNb : theme.nameEn) : null))
    .filter(Boolean);
  return (
    <li className="ds-card min-w-0" data-variant="tinted">
      <h2 className="ds-heading break-words" data-size="xs">
        <Link className="ds-link" to={`/topics/${topic.id}`}>
          <Norwegian>{topic.title}</Norwegian>
        </Link>
      </h2>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1" data-size="sm">
        <TopicStatusTag status={topic.status} />
        <span className="font-semibold">{t("topicList.supports", { count: topic.supportCount })}</span>
        {topic.supported ? (
          <span className="ds-tag" data-color="success" data-size="sm">
            {t("topicList.youSupport")}
          </span>
        ) : null}
      </p>
      <p className="ds-paragraph mt-1 break-words" data-size="sm">
        {topic.municipalityName ? <Norwegian>{topic.municipalityName}</Norwegian> : t("topicList.noMunicipality")}
        {" · "}
        {filters.sort === "active"
          ? t("topicList.activeOn", { date: formatDate(new Date(topic.lastActivityAt), language) })
          : t("topicList.proposedOn", { date: formatDate(new Date(topic.createdAt), language) })}
      </p>
      {themeNames.length > 0 ? (
        <p className="ds-paragraph mt-1 break-words" data-size="sm">
          {t("topicList.themes", { themes: themeNames.join(", ") })}
        </p>
      ) : null}
    </li>
  );
}

export default function TopicsPage() {
  const { topics, total, page, pageCount, filters, standing } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <ListHeading
        title={t("nav.topics")}
        lead={t("topicList.lead")}
        action={{ to: "/topics/new", label: t("topicList.propose") }}
        standing={standing}
        signIn={t("topicList.signIn")}
        pending={t("topicList.pending")}
      />

      <Filters />

      <p className="ds-paragraph mt-8 font-semibold" role="status">
        {total === 0 && !isFiltered(filters) ? t("topicList.none") : t("topicList.count", { count: total })}
        {page > 1 && page <= pageCount ? ` · ${t("topicList.pageOf", { page, pages: pageCount })}` : null}
      </p>
      {topics.length > 0 ? (
        <ul className="mt-4 space-y-3">
          {topics.map((topic) => (
            <TopicRow key={topic.id} topic={topic} />
          ))}
        </ul>
      ) : total > 0 ? (
        <p className="ds-paragraph mt-4">
          {t("topicList.beyondLast")}{" "}
          <Link className="ds-link" to={topicListHref(filters)}>
            {t("topicList.firstPage")}
          </Link>
        </p>
      ) : isFiltered(filters) ? (
        <p className="ds-paragraph mt-4">{t("topicList.noMatch")}</p>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={(n) => topicListHref(filters, n)} label={t("topicList.pages")} />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
