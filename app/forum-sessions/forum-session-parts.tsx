import type { FORUM_SESSION_STATUSES } from "../../db/schema/forum-session-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDateTime, formatTime } from "~/lib/dates";
import { useContentLang } from "~/ui/norwegian";

type Status = (typeof FORUM_SESSION_STATUSES)[number];

const TAG_COLOR: Record<Status, string> = { draft: "warning", planned: "info", held: "neutral", cancelled: "danger" };

export function StatusTag({ status }: { status: Status }) {
  const t = useT();
  return (
    <span className="ds-tag" data-color={TAG_COLOR[status]} data-size="sm">
      {t(`forumSessions.status.${status}` as MessageKey)}
    </span>
  );
}

/** "torsdag 3. desember 2026 kl. 10:00–11:30", Oslo time, in a <time> element. */
export function SessionTime({ startsAt, endsAt }: { startsAt: Date | string; endsAt: Date | string }) {
  const t = useT();
  const language = useLanguage();
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  return (
    <time dateTime={start.toISOString()}>
      {t("forumSessions.timeRange", { start: formatDateTime(start, language), end: formatTime(end, language) })}
    </time>
  );
}

/** Server-rendered, sanitised markdown (rendered and cleaned when it was saved). */
export function RenderedMarkdown({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose-markdown ${className}`} lang={useContentLang()} dangerouslySetInnerHTML={{ __html: html }} />;
}
