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

// The chart is as wide as there is room for (320 px phones included) and a fixed height; its text keeps
// its size at any width. Lines are drawn in a plot stretched sideways (PLOT_UNITS across), with strokes
// that do not stretch; text and markers sit at percentages of the width.
const HEIGHT = 250;
const PLOT = { top: 34, bottom: 196 };
const PLOT_UNITS = 1000;
/** Room either side of the first and last point, in percent of the width, for their markers. */
const EDGE = 2;
const FONT = 14;
const INK = "#1E2B3C";

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

/** Coordinates to a tenth: finer is invisible, and only makes the page heavier. */
const round = (n: number) => Math.round(n * 10) / 10;

const stateName = (t: Translate, state: AdoptionState) => t(`solutions.adoption.${state}`);

/** "3 i bruk, 1 piloterer": the states with any municipality, in the states' order. */
function countsText(t: Translate, language: Language, counts: StateCounts): string {
  return ADOPTION_STATES.filter((state) => counts[state] > 0)
    .map((state) => `${formatNumber(counts[state], language)} ${stateName(t, state)}`)
    .join(", ");
}

type MarkerKind = (typeof LOOK)[AdoptionState]["marker"];

/** A state's marker centred on (0, 0): place it with a transform or inside a positioned <svg>. */
function Marker({ kind, colour }: { kind: MarkerKind; colour: string }) {
  const r = 5;
  switch (kind) {
    case "circle":
      return <circle r={r} fill={colour} />;
    case "square":
      return <rect x={-r} y={-r} width={2 * r} height={2 * r} fill={colour} />;
    case "triangle":
      return <polygon points={`0,${-r - 1} ${r + 1},${r} ${-r - 1},${r}`} fill={colour} />;
    case "diamond":
      return <polygon points={`0,${-r - 1} ${r + 1},0 0,${r + 1} ${-r - 1},0`} fill={colour} />;
    case "cross":
      return <path d={`M${-r} ${-r}L${r} ${r}M${r} ${-r}L${-r} ${r}`} stroke={colour} strokeWidth={2.5} />;
  }
}

/** A short line in a state's pattern with its marker: the legend's key, and the same on paper. */
function Swatch({ state }: { state: AdoptionState }) {
  const look = LOOK[state];
  return (
    <svg width="36" height="14" viewBox="0 0 36 14" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-middle">
      <line x1="1" y1="7" x2="27" y2="7" stroke={look.colour} strokeWidth={2.5} strokeDasharray={look.dash} />
      <g transform="translate(29 7)">
        <Marker kind={look.marker} colour={look.colour} />
      </g>
    </svg>
  );
}

function Chart({ picture, t, language, titleId }: { picture: AdoptionPicture; t: Translate; language: Language; titleId: string }) {
  const { series } = picture;
  const drawn = ADOPTION_STATES.filter((state) => series.some((point) => point.counts[state] > 0));
  const ticks = countTicks(Math.max(1, ...series.flatMap((point) => drawn.map((state) => point.counts[state]))));
  const top = ticks.at(-1)!;
  /** Where point i sits, in percent of the width. */
  const at = (i: number) => (series.length === 1 ? 50 : round(EDGE + (i * (100 - 2 * EDGE)) / (series.length - 1)));
  const y = (n: number) => round(PLOT.bottom - (n / top) * (PLOT.bottom - PLOT.top));
  const labelled = series.length >= 5 ? [0, Math.round((series.length - 1) / 2), series.length - 1] : series.length > 1 ? [0, series.length - 1] : [0];
  const anchor = (n: number) => (labelled.length === 1 ? "middle" : n === 0 ? "start" : n === labelled.length - 1 ? "end" : "middle");
  const title = t("solutions.picture.chartTitle", { from: formatMonth(series[0]!.month, language), to: formatMonth(series.at(-1)!.month, language) });
  const now = countsText(t, language, series.at(-1)!.counts);
  const end = series.length - 1;
  return (
    <svg role="img" aria-labelledby={titleId} width="100%" height={HEIGHT} className="block" fontSize={FONT} fontFamily="inherit">
      <title id={titleId}>{now ? `${title}. ${t("solutions.picture.chartNow", { counts: now })}` : title}</title>
      <rect width="100%" height="100%" fill="#ffffff" />
      <text x="0" y="14" fill={INK}>
        {t("solutions.picture.axisCount")}
      </text>
      <svg y={PLOT.top - 8} width="100%" height={PLOT.bottom - PLOT.top + 16} viewBox={`0 ${PLOT.top - 8} ${PLOT_UNITS} ${PLOT.bottom - PLOT.top + 16}`} preserveAspectRatio="none">
        {ticks.map((tick) => (
          <line
            key={tick}
            x1="0"
            x2={PLOT_UNITS}
            y1={y(tick)}
            y2={y(tick)}
            stroke={tick === 0 ? INK : "#C3C9D1"}
            strokeWidth={tick === 0 ? 1.5 : 1}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {/* Discontinued underneath, in use on top. */}
        {[...drawn].reverse().map((state) => (
          <polyline
            key={state}
            points={series.map((point, i) => `${round((at(i) * PLOT_UNITS) / 100)},${y(point.counts[state])}`).join(" ")}
            fill="none"
            stroke={LOOK[state].colour}
            strokeWidth={2.5}
            strokeDasharray={LOOK[state].dash}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </svg>
      {/* The count axis is labelled on its grid lines, so the plot takes the whole width. */}
      {ticks.map((tick) => (
        <text key={tick} x="0" y={y(tick) - 4} fill={INK} stroke="#ffffff" strokeWidth={4} paintOrder="stroke" strokeLinejoin="round">
          {formatNumber(tick, language)}
        </text>
      ))}
      {[...drawn].reverse().map((state) => (
        <svg key={state} x={`${at(end)}%`} y={y(series[end]!.counts[state])} width="1" height="1" overflow="visible">
          <Marker kind={LOOK[state].marker} colour={LOOK[state].colour} />
        </svg>
      ))}
      {labelled.map((i, n) => (
        <g key={i}>
          <line x1={`${at(i)}%`} x2={`${at(i)}%`} y1={PLOT.bottom} y2={PLOT.bottom + 6} stroke={INK} strokeWidth={1.5} />
          <text x={`${anchor(n) === "start" ? 0 : anchor(n) === "end" ? 100 : at(i)}%`} y={PLOT.bottom + 24} textAnchor={anchor(n)} fill={INK}>
            {formatMonth(series[i]!.month, language)}
          </text>
        </g>
      ))}
      <text x="50%" y={HEIGHT - 4} textAnchor="middle" fill={INK}>
        {t(picture.step === 1 ? "solutions.picture.axisMonth" : "solutions.picture.axisMonthStep", { step: picture.step })}
      </text>
    </svg>
  );
}

/**
 * The chart's numbers as a table. Too wide for a phone, it scrolls sideways in a box of its own that the
 * keyboard can reach, rather than break the words of its headings or push the page sideways.
 */
function DataTable({ picture, t, language, captionId }: { picture: AdoptionPicture; t: Translate; language: Language; captionId: string }) {
  return (
    <div className="mt-3 overflow-x-auto" role="region" aria-labelledby={captionId} tabIndex={0}>
      {/* Cell styles on the table, not each cell: 40 rows of six cells add up on a page with a 50 KB budget. */}
      <table
        className="ds-table [overflow-wrap:normal] [&_td]:text-right [&_td]:tabular-nums [&_th:first-child]:sticky [&_th:first-child]:left-0 [&_th:first-child]:bg-[var(--ds-color-neutral-background-default)] [&_tbody_th]:font-normal [&_tbody_th]:whitespace-nowrap"
        data-size="sm"
        data-border
      >
        <caption id={captionId} className="sticky left-0 max-w-[calc(100vw-2rem)] text-left">
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
              <th scope="row">{formatMonth(point.month, language)}</th>
              {ADOPTION_STATES.map((state) => (
                <td key={state}>{formatNumber(point.counts[state], language)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
  ids: { heading: string; chartTitle: string; tableCaption: string; counties: string };
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
        <figure className="mt-6">
          <Sub className="ds-heading" data-size="xs">
            {t("solutions.picture.overTime")}
          </Sub>
          <div className="mt-3 max-w-3xl break-inside-avoid">
            <Chart picture={picture} t={t} language={language} titleId={ids.chartTitle} />
          </div>
          <figcaption className="ds-paragraph mt-2" data-size="sm">
            {t("solutions.picture.chartCaption")}
          </figcaption>
          <details className="mt-3" open={tableOpen || undefined}>
            <summary className="ds-link cursor-pointer">{t("solutions.picture.showTable")}</summary>
            <DataTable picture={picture} t={t} language={language} captionId={ids.tableCaption} />
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
      ids={{ heading: `${id}-heading`, chartTitle: `${id}-chart`, tableCaption: `${id}-table`, counties: `${id}-counties` }}
    />
  );
}
