import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FORUM_SESSION_STATUSES } from "../../db/schema/forum-session-values";
import type { SolutionStatus } from "../../db/schema/solution-values";
import type { TopicStatus } from "../../db/schema/topic-values";
import { StatusTag } from "~/forum-sessions/forum-session-parts";
import { KIND_TEXT, THEME_KINDS, type ThemeCounts } from "./theme-kinds";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { StatusBadge } from "~/solutions/status-badge";
import { TopicStatusTag } from "~/topics/topic-status-tag";
import { Norwegian } from "~/ui/norwegian";

/** "3 forummøter · 12 tema · …": on the list, plain text; on a theme's page, links to its sections. */
export function CountList({ counts, linked = false, label }: { counts: ThemeCounts; linked?: boolean; label?: string }) {
  const t = useT();
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={label}>
      {THEME_KINDS.map((kind) => {
        const { anchor, count } = KIND_TEXT[kind];
        const text = t(count as "themes.count.topics", { count: counts[kind] });
        return (
          <li key={kind}>
            {linked ? (
              <a className="ds-link" href={`#${anchor}`}>
                {text}
              </a>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** One kind's section: its heading, the newest items, how many of how many, and the way to the full list. */
export function ThemeSection({
  anchor,
  title,
  none,
  shown,
  total,
  all,
  children,
}: {
  anchor: string;
  title: string;
  none: string;
  shown: number;
  total: number;
  all?: { to: string; label: string };
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section className="mt-10 min-w-0" aria-labelledby={anchor}>
      <h2 id={anchor} className="ds-heading" data-size="sm">
        {title}
      </h2>
      {shown === 0 ? <p className="ds-paragraph mt-2">{none}</p> : children}
      {total > shown ? (
        <p className="ds-paragraph mt-3" data-size="sm">
          {t("themes.page.shown", { shown, count: total })}
        </p>
      ) : null}
      {all && total > 0 ? (
        <p className="mt-2">
          <Link className="ds-link" to={all.to}>
            {all.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Item({ to, title, children }: { to: string; title: string; children: ReactNode }) {
  return (
    <li className="min-w-0 break-words">
      <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link className="ds-link" to={to}>
          <Norwegian>{title}</Norwegian>
        </Link>
      </span>
      <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">{children}</span>
    </li>
  );
}

function Day({ date }: { date: Date | string }) {
  const language = useLanguage();
  const day = new Date(date);
  return <time dateTime={day.toISOString()}>{formatDate(day, language)}</time>;
}

export function SessionItems({ sessions }: { sessions: readonly { id: number; title: string; status: (typeof FORUM_SESSION_STATUSES)[number]; startsAt: Date | string }[] }) {
  return (
    <ul className="mt-3 space-y-3">
      {sessions.map((session) => (
        <Item key={session.id} to={`/forum-sessions/${session.id}`} title={session.title}>
          <Day date={session.startsAt} />
          <StatusTag status={session.status} />
        </Item>
      ))}
    </ul>
  );
}

export function TopicItems({ topics }: { topics: readonly { id: number; title: string; status: TopicStatus; createdAt: Date | string; supportCount: number }[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul className="mt-3 space-y-3">
      {topics.map((topic) => (
        <Item key={topic.id} to={`/topics/${topic.id}`} title={topic.title}>
          <TopicStatusTag status={topic.status} />
          <span>{t("themes.page.proposedOn", { date: formatDate(new Date(topic.createdAt), language) })}</span>
          <span>{t("themes.page.supports", { count: topic.supportCount })}</span>
        </Item>
      ))}
    </ul>
  );
}

export function SolutionItems({
  solutions,
}: {
  solutions: readonly { id: number; slug: string; name: string; status: SolutionStatus; reviewedAt: Date | string | null; ownerName: string | null }[];
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul className="mt-3 space-y-3">
      {solutions.map((solution) => (
        <Item key={solution.id} to={`/solutions/${solution.slug}`} title={solution.name}>
          <StatusBadge status={solution.status} />
          {solution.ownerName ? (
            <span>
              <Norwegian>{solution.ownerName}</Norwegian>
            </span>
          ) : null}
          {solution.reviewedAt ? <span>{t("themes.page.acceptedOn", { date: formatDate(new Date(solution.reviewedAt), language) })}</span> : null}
        </Item>
      ))}
    </ul>
  );
}

/** The theme's feed, in both formats: plain links, as feeds are files for a reader, not pages. */
export function ThemeFeeds({ path, theme }: { path: string; theme: string }) {
  const t = useT();
  return (
    <div className="mt-10 space-y-1">
      <p className="ds-paragraph flex flex-wrap gap-x-4 gap-y-1" data-size="sm">
        <span>{t("themes.page.feed")}</span>
        <a className="ds-link" href={`${path}.atom`} type="application/atom+xml">
          {t("themes.page.feedAtom", { theme })}
        </a>
        <a className="ds-link" href={`${path}.rss`} type="application/rss+xml">
          {t("themes.page.feedRss", { theme })}
        </a>
      </p>
      <p className="ds-paragraph" data-size="sm">
        {t("themes.page.feedPublicOnly")}
      </p>
    </div>
  );
}
