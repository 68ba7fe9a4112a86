import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getExperience, getRevisions, listRevisions, mayReadExperience } from "~/experiences/experiences.server";
import { chooseRevisions, diffRevisions, type FieldDiff } from "~/experiences/revision-diff";
import { ADDED_CLASS, DiffText, REMOVED_CLASS, type DiffLabels } from "~/experiences/revision-diff-view";
import { useLanguage, useT, type Translate } from "~/i18n/i18n";
import { formatDate, formatDateTime, formatTime } from "~/lib/dates";
import { notFound, parseId } from "~/lib/http.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { pageTitle } from "~/ui/meta";
import { Norwegian, useContentLang } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("experienceHistory.title", { title: data.experience.title }) : "error.notFound.title");

/** As the write-up's own page: a members-only write-up is 404 for visitors, a draft for all but its authors and coordinators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [found, signedIn] = await Promise.all([id ? getExperience(id) : undefined, getViewer(request, context)]);
  const viewer = summarise(signedIn);
  if (!found || !mayReadExperience(viewer, found.experience, found.coAuthorIds)) notFound();
  const { experience } = found;
  const revisions = await listRevisions(experience.id);
  // Staff names are not published to the open web, as on topic and comment pages.
  const showNames = can(viewer, "readMembersOnly");
  const choice = chooseRevisions(new URL(request.url).searchParams, revisions.map((r) => r.number));
  let comparison = null;
  if (choice) {
    const [from, to] = await getRevisions(experience.id, [choice.from, choice.to]);
    if (from && to) comparison = { from: choice.from, to: choice.to, fellBack: choice.fellBack, ...diffRevisions(from, to) };
  }
  return {
    experience: { id: experience.id, title: experience.title },
    revisions: revisions.map((r) => ({
      number: r.number,
      createdAt: r.createdAt,
      editorName: showNames ? (r.editorName ?? "") : null,
      note: r.note,
    })),
    comparison,
  };
}

type Data = Awaited<ReturnType<typeof loader>>;
type Revision = Data["revisions"][number];

/** Who saved a revision: their name for members; "a member" for everyone else. */
function editorOf(revision: Revision, t: Translate) {
  if (revision.editorName === null) return t("experienceHistory.aMember");
  return revision.editorName || t("experienceHistory.unknownEditor");
}

function useDiffLabels(): DiffLabels {
  const t = useT();
  return {
    addedStart: t("experienceHistory.addedStart"),
    addedEnd: t("experienceHistory.addedEnd"),
    removedStart: t("experienceHistory.removedStart"),
    removedEnd: t("experienceHistory.removedEnd"),
    gap: (count) => t("experienceHistory.gap", { count }),
  };
}

function CompareForm() {
  const { revisions, comparison, experience } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  if (!comparison) return null;
  const options = revisions.map((r) => (
    <option key={r.number} value={r.number}>
      {t("experienceHistory.option", { number: r.number, date: formatDate(new Date(r.createdAt), language), time: formatTime(new Date(r.createdAt), language) })}
    </option>
  ));
  return (
    // A plain GET form: a comparison has its own address, to share or come back to.
    <Form
      key={`${comparison.from}-${comparison.to}`}
      method="get"
      action={`/experiences/${experience.id}/history`}
      className="ds-card mt-4"
      data-variant="tinted"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="ds-field min-w-0">
          <label className="ds-label" htmlFor="compare-from">
            {t("experienceHistory.from")}
          </label>
          <select id="compare-from" name="from" className="ds-input" defaultValue={comparison.from}>
            {options}
          </select>
        </div>
        <div className="ds-field min-w-0">
          <label className="ds-label" htmlFor="compare-to">
            {t("experienceHistory.to")}
          </label>
          <select id="compare-to" name="to" className="ds-input" defaultValue={comparison.to}>
            {options}
          </select>
        </div>
      </div>
      <button type="submit" className="ds-button mt-4" data-variant="primary">
        {t("experienceHistory.show")}
      </button>
    </Form>
  );
}

function Field({ heading, diff }: { heading: string; diff: FieldDiff }) {
  const t = useT();
  const labels = useDiffLabels();
  const contentLang = useContentLang();
  return (
    <section className="mt-6 min-w-0">
      <h3 className="ds-heading" data-size="xs">
        {heading}
      </h3>
      {diff.changed ? null : (
        <p className="ds-paragraph mt-1" data-size="sm">
          {t("experienceHistory.unchanged")}
        </p>
      )}
      <div className="mt-2 border-l-4 border-[var(--ds-color-neutral-border-subtle)] pl-3">
        <DiffText parts={diff.parts} labels={labels} lang={contentLang} />
      </div>
    </section>
  );
}

function Comparison() {
  const { comparison, revisions } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  if (!comparison) return null;
  const to = revisions.find((r) => r.number === comparison.to);
  return (
    <section className="mt-8" aria-labelledby="changes-heading">
      <h2 id="changes-heading" className="ds-heading" data-size="sm">
        {t("experienceHistory.changes", { from: comparison.from, to: comparison.to })}
      </h2>
      {comparison.fellBack ? (
        <div className="ds-alert mt-4" data-color="warning">
          <p className="ds-paragraph">{t("experienceHistory.fellBack")}</p>
        </div>
      ) : null}
      {to ? (
        <p className="ds-paragraph mt-2" data-size="sm">
          {t("experienceHistory.changesBy", { number: to.number, date: formatDateTime(new Date(to.createdAt), language), editor: editorOf(to, t) })}
        </p>
      ) : null}
      <p className="ds-paragraph mt-2 flex flex-wrap items-center gap-x-3 gap-y-1" data-size="sm">
        <span>{t("experienceHistory.legend")}</span>
        <ins className={`${ADDED_CLASS} px-1`}>{t("experienceHistory.legendAdded")}</ins>
        <del className={`${REMOVED_CLASS} px-1`}>{t("experienceHistory.legendRemoved")}</del>
      </p>
      <Field heading={t("experienceHistory.field.title")} diff={comparison.title} />
      <Field heading={t("experienceHistory.field.summary")} diff={comparison.summary} />
      <Field heading={t("experienceHistory.field.body")} diff={comparison.body} />
    </section>
  );
}

function Revisions() {
  const { revisions, experience } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section className="mt-10" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading" className="ds-heading" data-size="sm">
        {t("experienceHistory.revisions")}
      </h2>
      <ol className="mt-4 space-y-3">
        {revisions.map((revision, i) => {
          const at = new Date(revision.createdAt);
          const previous = revisions[i + 1];
          return (
            <li key={revision.number} className="min-w-0 border-l-4 border-[var(--ds-color-neutral-border-subtle)] pl-3 break-words">
              <p className="ds-paragraph font-semibold">{t("experienceHistory.revision", { number: revision.number })}</p>
              <p className="ds-paragraph" data-size="sm">
                <time dateTime={at.toISOString()}>{formatDateTime(at, language)}</time> {t("experienceHistory.by", { editor: editorOf(revision, t) })}
              </p>
              {revision.note ? (
                <p className="ds-paragraph" data-size="sm">
                  {t("experienceHistory.note")} <Norwegian>{revision.note}</Norwegian>
                </p>
              ) : null}
              <p className="ds-paragraph" data-size="sm">
                {previous ? (
                  <Link className="ds-link" to={`/experiences/${experience.id}/history?from=${previous.number}&to=${revision.number}`}>
                    {t("experienceHistory.seeChanges", { number: revision.number })}
                  </Link>
                ) : (
                  t("experienceHistory.first")
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export default function ExperienceHistoryPage() {
  const { experience, comparison } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/experiences/${experience.id}`, label: t("experienceHistory.back") }}>
        {t("experienceHistory.title", { title: experience.title })}
      </PageHeading>
      {comparison ? (
        <>
          <h2 className="ds-heading mt-8" data-size="sm">
            {t("experienceHistory.compare")}
          </h2>
          <CompareForm />
          <Comparison />
        </>
      ) : (
        <p className="ds-paragraph mt-6">{t("experienceHistory.onlyOne")}</p>
      )}
      <Revisions />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
