import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { addMinutes, agendaFlags, minutesBetween } from "./agenda";
import { useLanguage, useT, type Translate } from "~/i18n/i18n";
import { personName } from "~/members/person-name";
import { formatTime } from "~/lib/dates";
import { Norwegian, useContentLang } from "~/ui/norwegian";

export interface AgendaRow {
  id: number;
  startOffsetMinutes: number;
  durationMinutes: number;
  title: string;
  descriptionHtml: string;
  presenterMemberId: number | null;
  presenterMemberName: string | null;
  presenterMunicipality: string | null;
  presenterName: string | null;
  presenterOrganisation: string | null;
  /** The topic the item came from, when it was scheduled from one. */
  topicId?: number | null;
  topicTitle?: string | null;
  solutionName?: string | null;
  solutionSlug?: string | null;
}

/** "Name, municipality" to members; to visitors only where the presenter is from (decision 020). */
function presenterText(t: Translate, item: AgendaRow): string {
  if (item.presenterMemberName !== null) {
    if (!item.presenterMemberName) return personName(t, "", item.presenterMunicipality);
    return [item.presenterMemberName, item.presenterMunicipality].filter(Boolean).join(", ");
  }
  return [item.presenterName, item.presenterOrganisation, item.presenterMunicipality].filter(Boolean).join(", ");
}

/**
 * The agenda as an ordered list: time span, title, presenter, description. An item listed below a
 * later one says so to every reader, since the order then contradicts the times; with `showFlags`
 * (the coordinator's view) items that overlap or run past the end say so too. In words, not colour alone.
 */
export function AgendaList({
  items,
  startsAt,
  endsAt,
  showFlags = false,
  actions,
  itemHeading: ItemHeading = "h3",
}: {
  items: AgendaRow[];
  startsAt: Date | string;
  endsAt: Date | string;
  showFlags?: boolean;
  actions?: (item: AgendaRow, index: number) => ReactNode;
  itemHeading?: "h3" | "h4";
}) {
  const t = useT();
  const language = useLanguage();
  const contentLang = useContentLang();
  const start = new Date(startsAt);
  const sessionMinutes = minutesBetween(start, new Date(endsAt));
  const flags = agendaFlags(items, sessionMinutes);
  const titles = new Map(items.map((i) => [i.id, i.title]));
  return (
    <ol className="space-y-4">
      {items.map((item, index) => {
        const from = addMinutes(start, item.startOffsetMinutes);
        const to = addMinutes(from, item.durationMinutes);
        const flag = flags.get(item.id);
        const warnings = [
          ...(flag?.startsBeforePrevious ? [t("agenda.startsBeforePrevious")] : []),
          ...(showFlags && flag
            ? [
                ...flag.overlaps.map((other) => t("agenda.overlaps", { other: titles.get(other) ?? "" })),
                ...(flag.pastEnd ? [t("agenda.pastEnd")] : []),
              ]
            : []),
        ];
        return (
          <li key={item.id} id={`agenda-item-${item.id}`} className="ds-card" data-variant={warnings.length > 0 ? "default" : "tinted"} data-color={warnings.length > 0 ? "warning" : undefined}>
            <div className="grid gap-2 sm:grid-cols-[9rem_1fr]">
              <p className="font-semibold tabular-nums">
                <time dateTime={from.toISOString()}>{formatTime(from, language)}</time>–{formatTime(to, language)}
                <span className="ds-sr-only">, </span>
                <span className="block text-sm font-normal">{t("agenda.duration", { minutes: item.durationMinutes })}</span>
              </p>
              <div className="min-w-0 break-words">
                <ItemHeading className="ds-heading" data-size="2xs">
                  <Norwegian>{item.title}</Norwegian>
                </ItemHeading>
                {presenterText(t, item) ? (
                  <p className="ds-paragraph" data-size="sm">
                    {t("agenda.presenter")}: {presenterText(t, item)}
                  </p>
                ) : null}
                {item.topicId && item.topicTitle ? (
                  <p className="ds-paragraph break-words" data-size="sm">
                    {t("agenda.fromTopic")}{" "}
                    <Link className="ds-link" to={`/topics/${item.topicId}`}>
                      <Norwegian>{item.topicTitle}</Norwegian>
                    </Link>
                  </p>
                ) : null}
                {item.solutionSlug && item.solutionName ? (
                  <p className="ds-paragraph break-words" data-size="sm">
                    {t("solutionLinks.presented")}:{" "}
                    <Link className="ds-link" to={`/solutions/${item.solutionSlug}`}>
                      <Norwegian>{item.solutionName}</Norwegian>
                    </Link>
                  </p>
                ) : null}
                {item.descriptionHtml ? (
                  <div className="prose-markdown mt-2" lang={contentLang} dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} />
                ) : null}
                {warnings.length > 0 ? (
                  <ul className="mt-2 list-disc pl-5 font-semibold">
                    {warnings.map((w) => (
                      <li key={w}>⚠ {w}</li>
                    ))}
                  </ul>
                ) : null}
                {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions(item, index)}</div> : null}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
