import { useId } from "react";
import { ADOPTION_STATES, type AdoptionState } from "../../db/schema/solution-values";
import { countyMark, type AdoptionPicture, type CountyMark, type StateCounts } from "./adoption-picture";
import { localeOf, useLanguage, useT, type Language, type Translate } from "~/i18n/i18n";
import { formatDate, formatNumber } from "~/lib/dates";
import { capitalise } from "~/lib/text";

// Each state has a colour (at least 4.5:1 on white), a dash pattern and a marker of its own, so the lines
// can be told apart without colour and on a black-and-white print.
const LOOK: Record<AdoptionState, { colour: string; dash?: string; marker: "circle" | "square" | "triangle" | "diamond" | "cross" }> = {
  interested: { colour: "#1B5FAA", dash: "2 4", marker: "circle" },
  planning: { colour: "#8A5300", dash: "8 4 2 4", marker: "triangle" },
  piloting: { colour: "#7A3E9D", dash: "8 4", marker: "diamond" },
  in_use: { colour: "#0E7C3A", marker: "square" },
  discontinued: { colour: "#5C5C5C", dash: "1 6", marker: "cross" },
};

// The chart's own coordinates; the SVG scales to the width there is (320 px phones included).
const WIDTH = 400;
const HEIGHT = 250;
const PLOT = { left: 40, right: 388, top: 30, bottom: 196 };
const FONT = 14;

const monthFormats = new Map<Language, Intl.DateTimeFormat>();

/** "mars 2024" for "2024-03". */
export function formatMonth(month: string, language: Language): string {
  let format = monthFormats.get(language);
  if (!format) monthFormats.set(language, (format = new Intl.DateTimeFormat(localeOf(language), { month: "short", year: "numeric", timeZone: "UTC" })));
  return format.format(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1)));
}

/** "3. mars 2024" for a date column's "2024-03-03" (a day, in no time zone). */
export function formatDay(day: string, language: Language): string {
  return formatDate(new Date(`${day}T12:00:00Z`), language);
}

/** Round steps for the count axis: 1, 2, 5, 10, 20, 50, … */
function countTicks(max: number): number[] {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

const stateName = (t: Translate, state: AdoptionState) => t(`solutions.adoption.${state}`);

/** "3 i bruk, 1 piloterer": the states with any municipality, in the states' order. */
function countsText(t: Translate, language: Language, counts: StateCounts): string {
  return ADOPTION_STATES.filter((state) => counts[state] > 0)
    .map((state) => `${formatNumber(counts[state], language)} ${stateName(t, state)}`)
    .join(", ");
}

function Marker({ kind, x, y, colour }: { kind: (typeof LOOK)[AdoptionState]["marker"]; x: number; y: number; colour: string }) {
  const r = 5;
  switch (kind) {
    case "circle":
      return <circle cx={x} cy={y} r={r} fill={colour} />;
    case "square":
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case "triangle":
      return <polygon points={`${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`} fill={colour} />;
    case "diamond":
      return <polygon points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} fill={colour} />;
    case "cross":
      return <path d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`} stroke={colour} strokeWidth={2.5} />;
  }
}

/** A short line in a state's pattern with its marker: the legend's key, and the same on paper. */
function Swatch({ state }: { state: AdoptionState }) {
  const look = LOOK[state];
  return (
    <svg width="36" height="14" viewBox="0 0 36 14" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-middle">
      <line x1="1" y1="7" x2="27" y2="7" stroke={look.colour} strokeWidth={2.5} strokeDasharray={look.dash} />
      <Marker kind={look.marker} x={29} y={7} colour={look.colour} />
    </svg>
  );
}

function Chart({ picture, t, language, titleId }: { picture: AdoptionPicture; t: Translate; language: Language; titleId: string }) {
  const { series } = picture;
  const drawn = ADOPTION_STATES.filter((state) => series.some((point) => point.counts[state] > 0));
  const ticks = countTicks(Math.max(1, ...series.flatMap((point) => drawn.map((state) => point.counts[state]))));
  const top = ticks.at(-1)!;
  const x = (i: number) => (series.length === 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + (i * (PLOT.right - PLOT.left)) / (series.length - 1));
  const y = (n: number) => PLOT.bottom - (n / top) * (PLOT.bottom - PLOT.top);
  const first = series[0]!.month;
  const last = series.at(-1)!.month;
  const labelled = series.length >= 5 ? [0, Math.round((series.length - 1) / 2), series.length - 1] : series.length > 1 ? [0, series.length - 1] : [0];
  const title = t("solutions.picture.chartTitle", { from: formatMonth(first, language), to: formatMonth(last, language) });
  const now = countsText(t, language, series.at(-1)!.counts);
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="block h-auto w-full max-w-xl"
      fontSize={FONT}
      fontFamily="inherit"
    >
      <title id={titleId}>{now ? `${title}. ${t("solutions.picture.chartNow", { counts: now })}` : title}</title>
      <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#ffffff" />
      <text x={PLOT.left - 8} y={16} fill="#1E2B3C">
        {t("solutions.picture.axisCount")}
      </text>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PLOT.left} x2={PLOT.right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#1E2B3C" : "#D0D5DB"} strokeWidth={tick === 0 ? 1.5 : 1} />
          <text x={PLOT.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" fill="#1E2B3C">
            {formatNumber(tick, language)}
          </text>
        </g>
      ))}
      <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top - 4} y2={PLOT.bottom} stroke="#1E2B3C" strokeWidth={1.5} />
      {labelled.map((i, n) => (
        <g key={i}>
          <line x1={x(i)} x2={x(i)} y1={PLOT.bottom} y2={PLOT.bottom + 5} stroke="#1E2B3C" strokeWidth={1.5} />
          <text
            x={x(i)}
            y={PLOT.bottom + 22}
            textAnchor={labelled.length === 1 ? "middle" : n === 0 ? "start" : n === labelled.length - 1 ? "end" : "middle"}
            fill="#1E2B3C"
          >
            {formatMonth(series[i]!.month, language)}
          </text>
        </g>
      ))}
      <text x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 6} textAnchor="middle" fill="#1E2B3C">
        {t(picture.step === 1 ? "solutions.picture.axisMonth" : "solutions.picture.axisMonthStep", { step: picture.step })}
      </text>
      {/* Discontinued underneath, in use on top. */}
      {[...drawn].reverse().map((state) => {
        const look = LOOK[state];
        const points = series.map((point, i) => `${x(i)},${y(point.counts[state])}`).join(" ");
        const end = series.length - 1;
        return (
          <g key={state}>
            <polyline points={points} fill="none" stroke={look.colour} strokeWidth={2.5} strokeDasharray={look.dash} strokeLinejoin="round" />
            <Marker kind={look.marker} x={x(end)} y={y(series[end]!.counts[state])} colour={look.colour} />
          </g>
        );
      })}
    </svg>
  );
}

function DataTable({ picture, t, language }: { picture: AdoptionPicture; t: Translate; language: Language }) {
  return (
    <table className="ds-table mt-3 w-full table-fixed" data-size="sm" data-border>
      <caption className="text-left">
        {t(picture.step === 1 ? "solutions.picture.tableCaption" : "solutions.picture.tableCaptionStep", { step: picture.step })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("solutions.picture.month")}</th>
          {ADOPTION_STATES.map((state) => (
            <th key={state} scope="col" className="text-right">
              {capitalise(stateName(t, state))}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {picture.series.map((point) => (
          <tr key={point.month}>
            <th scope="row" className="font-normal">
              {formatMonth(point.month, language)}
            </th>
            {ADOPTION_STATES.map((state) => (
              <td key={state} className="text-right tabular-nums">
                {formatNumber(point.counts[state], language)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const MARK: Record<CountyMark, { symbol: string; className: string }> = {
  inUse: { symbol: "●", className: "border-[#0E7C3A] bg-[#E6F2EA]" },
  piloting: { symbol: "◐", className: "border-[#7A3E9D] bg-[#F3ECF7]" },
  wanting: { symbol: "○", className: "border-[#1B5FAA] bg-[#E8F0F9]" },
  none: { symbol: "–", className: "border-[#D0D5DB] bg-white" },
};

function countyText(t: Translate, language: Language, counts: StateCounts): string {
  const parts = [
    counts.in_use > 0 ? t("solutions.picture.county.inUse", { count: formatNumber(counts.in_use, language) }) : null,
    counts.piloting > 0 ? t("solutions.picture.county.piloting", { count: formatNumber(counts.piloting, language) }) : null,
    counts.interested + counts.planning > 0
      ? t("solutions.picture.county.wanting", { count: formatNumber(counts.interested + counts.planning, language) })
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(", ") : t("solutions.picture.county.none");
}

function CountiesStrip({ picture, t, language, headingId, level }: { picture: AdoptionPicture; t: Translate; language: Language; headingId: string; level: 2 | 3 }) {
  const H = level === 2 ? "h3" : "h4";
  const reached = picture.counties.filter((county) => countyMark(county.counts) !== "none").length;
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <H id={headingId} className="ds-heading" data-size="xs">
        {t("solutions.picture.counties")}
      </H>
      <p className="ds-paragraph mt-2" data-size="sm">
        {t("solutions.picture.countiesReached", { reached: formatNumber(reached, language), total: formatNumber(picture.counties.length, language) })}
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {picture.counties.map((county) => {
          const mark = MARK[countyMark(county.counts)];
          return (
            <li key={county.number} className={`county-mark min-w-0 border-l-4 px-2 py-1 text-sm ${mark.className}`}>
              <span aria-hidden="true" className="mr-1">
                {mark.symbol}
              </span>
              {/* County names are Norwegian (and Sami, Kven): read out as such in the English interface. */}
              <span className="font-semibold" lang={language === "nb" ? undefined : "nb"}>
                {county.name}
              </span>
              <span className="block">{countyText(t, language, county.counts)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The picture without the page's hooks: the translator and language are given. `level` is the rank of
 * its own heading (the page's sections are h2); the table shows open where the page is for print.
 */
export function AdoptionPictureFigure({
  picture,
  t,
  language,
  level = 2,
  tableOpen = false,
  ids,
}: {
  picture: AdoptionPicture;
  t: Translate;
  language: Language;
  level?: 2 | 3;
  tableOpen?: boolean;
  ids: { heading: string; chartTitle: string; counties: string };
}) {
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const total = ADOPTION_STATES.reduce((sum, state) => sum + picture.counts[state], 0);
  return (
    <section aria-labelledby={ids.heading} className="adoption-picture mt-10">
      <H id={ids.heading} className="ds-heading" data-size="sm">
        {t("solutions.picture.heading")}
      </H>
      {total === 0 ? (
        <p className="ds-paragraph mt-3">{t("solutions.picture.none")}</p>
      ) : (
        <ul className="mt-4 flex flex-wrap gap-3" aria-label={t("solutions.picture.counts")}>
          {ADOPTION_STATES.map((state) => (
            <li key={state} className="min-w-[7.5rem] rounded border border-[#D0D5DB] px-3 py-2">
              <span className="block text-2xl font-semibold tabular-nums">{formatNumber(picture.counts[state], language)}</span>
              <span className="flex items-center gap-2 text-sm">
                <Swatch state={state} />
                {capitalise(stateName(t, state))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {picture.series.length > 0 ? (
        <figure className="mt-6 break-inside-avoid">
          <Sub className="ds-heading" data-size="xs">
            {t("solutions.picture.overTime")}
          </Sub>
          <div className="mt-3">
            <Chart picture={picture} t={t} language={language} titleId={ids.chartTitle} />
          </div>
          <figcaption className="ds-paragraph mt-2" data-size="sm">
            {t("solutions.picture.chartCaption")}
          </figcaption>
          <details className="mt-3" open={tableOpen || undefined}>
            <summary className="ds-link cursor-pointer">{t("solutions.picture.showTable")}</summary>
            <DataTable picture={picture} t={t} language={language} />
          </details>
        </figure>
      ) : null}
      <CountiesStrip picture={picture} t={t} language={language} headingId={ids.counties} level={level} />
    </section>
  );
}

/** Counts by adoption state, adoption over time (an SVG with a data table), and the counties strip. */
export function AdoptionPictureView({ picture, level, tableOpen }: { picture: AdoptionPicture; level?: 2 | 3; tableOpen?: boolean }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  return (
    <AdoptionPictureFigure
      picture={picture}
      t={t}
      language={language}
      level={level}
      tableOpen={tableOpen}
      ids={{ heading: `${id}-heading`, chartTitle: `${id}-chart`, counties: `${id}-counties` }}
    />
  );
}
