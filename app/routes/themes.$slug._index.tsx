import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { experienceListHref } from "~/experiences/experience-list-query";
import { ExperienceLinkList } from "~/experiences/experience-links";
import { isFollowing } from "~/experiences/experiences.server";
import { FollowForm } from "~/experiences/follow-form";
import { translator, useT } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { notFound } from "~/lib/http.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { catalogueHref } from "~/solutions/catalogue-list-query";
import { themeFeedPath } from "~/themes/feed.server";
import { KIND_TEXT } from "~/themes/theme-kinds";
import { CountList, SessionItems, SolutionItems, ThemeFeeds, ThemeSection, TopicItems } from "~/themes/theme-page-parts";
import { countsByTheme, experiencesOnTheme, getThemeBySlug, sessionsOnTheme, solutionsOnTheme, themeName, topicsOnTheme } from "~/themes/themes.server";
import { topicListHref } from "~/topics/topic-list-query";
import { feedLinks, languageOfMatches, pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

/** The newest of each kind on the page; each area's list, filtered by the theme, has them all. */
const SHOWN = 10;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, "error.notFound.title");
  const t = translator(languageOfMatches(matches));
  return [...pageTitle(matches, () => data.theme.name), ...feedLinks([{ title: t("themes.feed.linkTitle", { theme: data.theme.name }), path: data.feedPath }])];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [theme, signedIn, language] = await Promise.all([getThemeBySlug(params.slug ?? ""), getViewer(request, context), languageOf(request)]);
  if (!theme) notFound();
  const viewer = summarise(signedIn);
  const approved = can(viewer, "write");
  const [[counted], sessions, topics, experiences, solutions, following] = await Promise.all([
    countsByTheme(viewer, theme.id),
    sessionsOnTheme(theme.id, SHOWN),
    topicsOnTheme(theme.id, SHOWN),
    // Members-only write-ups for approved members only, as in the list.
    experiencesOnTheme(theme.id, viewer, SHOWN),
    solutionsOnTheme(theme.id, SHOWN),
    approved ? isFollowing(viewer?.id, { themeId: theme.id }) : false,
  ]);
  return {
    theme: { slug: theme.slug, name: themeName(theme, language) },
    counts: counted!.counts,
    sessions,
    topics,
    experiences,
    solutions,
    following,
    feedPath: themeFeedPath(theme.slug),
    viewerState: (approved ? "member" : viewer ? "pending" : "anonymous") as "anonymous" | "pending" | "member",
  };
}

export default function ThemePage() {
  const { theme, counts, sessions, topics, experiences, solutions, following, viewerState, feedPath } = useLoaderData<typeof loader>();
  const t = useT();
  const section = (kind: keyof typeof KIND_TEXT, shown: number) => ({
    anchor: KIND_TEXT[kind].anchor,
    title: t(KIND_TEXT[kind].title),
    none: t(KIND_TEXT[kind].none),
    shown,
    total: counts[kind],
  });
  return (
    <>
      <PageHeading back={{ to: "/themes", label: t("themes.back") }}>{theme.name}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("themes.page.lead", { theme: theme.name })}</p>
      <div className="ds-paragraph mt-4">
        <CountList counts={counts} linked label={t("themes.counts")} />
      </div>
      <div className="mt-4">
        <FollowForm subject={{ theme: theme.slug, name: theme.name }} following={following} viewerState={viewerState} />
      </div>

      {/* The forum sessions' list has no theme filter: no "see all" for them. */}
      <ThemeSection {...section("forumSessions", sessions.length)}>
        <SessionItems sessions={sessions} />
      </ThemeSection>
      <ThemeSection
        {...section("topics", topics.length)}
        all={{ to: topicListHref({ sort: "newest", themeSlug: theme.slug }), label: t("themes.page.all.topics", { theme: theme.name }) }}
      >
        <TopicItems topics={topics} />
      </ThemeSection>
      <ThemeSection
        {...section("experiences", experiences.length)}
        all={{ to: experienceListHref({ sort: "newest", themeSlug: theme.slug }), label: t("themes.page.all.experiences", { theme: theme.name }) }}
      >
        <ExperienceLinkList experiences={experiences} />
      </ThemeSection>
      <ThemeSection
        {...section("solutions", solutions.length)}
        all={{ to: catalogueHref({ sort: "newest", themeSlug: theme.slug }), label: t("themes.page.all.solutions", { theme: theme.name }) }}
      >
        <SolutionItems solutions={solutions} />
      </ThemeSection>

      <ThemeFeeds path={feedPath} theme={theme.name} />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
