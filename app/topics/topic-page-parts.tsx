import { personName } from "~/members/person-name";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TopicStatus } from "../../db/schema/topic-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatDateTime } from "~/lib/dates";
import { Norwegian } from "~/ui/norwegian";

export const statusKey = (status: TopicStatus) => `topics.status.${status}` as MessageKey;

/** The forum session a topic was scheduled onto, as the viewer may see it (a draft is only "being planned"). */
export interface ChainSession {
  id: number;
  /** Null when the session is a draft and the viewer no coordinator: no title, no link. */
  title: string | null;
  startsAt: Date | string;
  agendaItemId: number | null;
  summaryPublished: boolean;
}

/** Where the session page shows an agenda item, and its summary. */
export const agendaItemHref = (sessionId: number, agendaItemId: number | null) =>
  `/forum-sessions/${sessionId}#${agendaItemId ? `agenda-item-${agendaItemId}` : "agenda"}`;
export const summaryHref = (sessionId: number) => `/forum-sessions/${sessionId}#summary`;

function Step({ label, done, children }: { label: string; done: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <li className="min-w-0">
      <p className="ds-paragraph font-semibold">
        <span aria-hidden="true">{done ? "✓ " : "○ "}</span>
        {label}
        <span className="ds-sr-only"> ({t(done ? "topicPage.step.done" : "topicPage.step.notYet")})</span>
      </p>
      <p className="ds-paragraph" data-size="sm">
        {children}
      </p>
    </li>
  );
}

/**
 * "Where this topic is now": the chain suggestion → agenda → summary, each step linked once it is
 * reached, so a reader can follow the topic to the forum session and the summary that covered it.
 */
export function TopicChain({
  status,
  createdAt,
  session,
  declineReason,
}: {
  status: TopicStatus;
  createdAt: Date | string;
  session: ChainSession | null;
  declineReason: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  const onAgenda = session && (status === "scheduled" || status === "covered");
  const covered = session && status === "covered";
  return (
    <section className="ds-card mt-6" data-variant="tinted" aria-labelledby="where-now">
      <h2 id="where-now" className="ds-heading" data-size="xs">
        {t("topicPage.now.heading")}
      </h2>
      <p className="ds-paragraph mt-1">{t(`topicPage.now.${status}` as MessageKey)}</p>
      {status === "declined" && declineReason ? (
        <p className="ds-paragraph mt-2 break-words">
          <strong>{t("topicPage.declineReason")}</strong> <Norwegian>{declineReason}</Norwegian>
        </p>
      ) : null}
      <ol className="mt-4 grid gap-4 sm:grid-cols-3">
        <Step label={t("topicPage.step.suggestion")} done>
          {t("topicPage.step.proposedOn", { date: formatDate(new Date(createdAt), language) })}
        </Step>
        <Step label={t("topicPage.step.agenda")} done={Boolean(onAgenda)}>
          {onAgenda ? (
            session.title ? (
              <Link className="ds-link" to={agendaItemHref(session.id, session.agendaItemId)}>
                {t("topicPage.step.onAgenda", { session: session.title, date: formatDate(new Date(session.startsAt), language) })}
              </Link>
            ) : (
              t("topicPage.step.onDraftAgenda")
            )
          ) : (
            t("topicPage.step.notOnAgenda")
          )}
        </Step>
        <Step label={t("topicPage.step.summary")} done={Boolean(covered && session.summaryPublished)}>
          {covered && session.title ? (
            <Link className="ds-link" to={session.summaryPublished ? summaryHref(session.id) : `/forum-sessions/${session.id}`}>
              {t(session.summaryPublished ? "topicPage.step.coveredIn" : "topicPage.step.coveredAt", { session: session.title })}
            </Link>
          ) : (
            t("topicPage.step.notCovered")
          )}
        </Step>
      </ol>
    </section>
  );
}

export interface HistoryRow {
  id: number;
  fromStatus: TopicStatus | null;
  toStatus: TopicStatus;
  note: string | null;
  createdAt: Date | string;
  /** The member's name, for members; otherwise who they were in this change. */
  actorName: string | null;
  actorKind: "proposer" | "coordinator" | "system";
  forumSession: { id: number; title: string } | null;
  agendaItemId: number | null;
  mergedInto: { id: number; title: string } | null;
}

function HistoryLink({ row }: { row: HistoryRow }) {
  const t = useT();
  if (row.mergedInto) {
    return (
      <Link className="ds-link" to={`/topics/${row.mergedInto.id}`}>
        {t("topicPage.history.mergedInto", { title: row.mergedInto.title })}
      </Link>
    );
  }
  const session = row.forumSession;
  if (!session) return null;
  if (row.toStatus === "scheduled") {
    return (
      <Link className="ds-link" to={agendaItemHref(session.id, row.agendaItemId)}>
        {t("topicPage.history.scheduledOnto", { session: session.title })}
      </Link>
    );
  }
  if (row.toStatus === "covered") {
    return (
      <Link className="ds-link" to={summaryHref(session.id)}>
        {t("topicPage.history.coveredIn", { session: session.title })}
      </Link>
    );
  }
  return (
    <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
      {t("topicPage.history.takenOff", { session: session.title })}
    </Link>
  );
}

/** Each status change: when, who, from → to, the note, and where it led (agenda item, summary, merged topic). */
export function TopicHistory({ rows }: { rows: HistoryRow[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ol className="mt-4 space-y-3">
      {rows.map((row) => {
        const at = new Date(row.createdAt);
        return (
          <li key={row.id} className="min-w-0 border-l-4 border-[var(--ds-color-neutral-border-subtle)] pl-3 break-words">
            <p className="ds-paragraph font-semibold">
              {row.fromStatus
                ? t("topicPage.history.change", { from: t(statusKey(row.fromStatus)), to: t(statusKey(row.toStatus)) })
                : t("topicPage.history.created")}
            </p>
            <p className="ds-paragraph" data-size="sm">
              <time dateTime={at.toISOString()}>{formatDateTime(at, language)}</time>
              {" · "}
              {row.actorName ? row.actorName : row.actorName === "" ? personName(t, "") : t(`topicPage.history.${row.actorKind}` as MessageKey)}
            </p>
            {row.note ? (
              <p className="ds-paragraph" data-size="sm">
                {t("topicPage.history.note")} <Norwegian>{row.note}</Norwegian>
              </p>
            ) : null}
            {row.forumSession || row.mergedInto ? (
              <p className="ds-paragraph" data-size="sm">
                <HistoryLink row={row} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
