import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { CommentForm } from "~/comments/comment-form";
import { CommentList } from "~/comments/comment-list";
import { commentsForViewer, postComment, type CommentReply } from "~/comments/comment-pages.server";
import { ExperienceLinkList } from "~/experiences/experience-links";
import { experiencesOfSolution } from "~/experiences/experiences.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useT, type MessageKey } from "~/i18n/i18n";
import { forbidden, notFound } from "~/lib/http.server";
import { osloToday } from "~/lib/oslo-time.server";
import { publicUrl } from "~/lib/settings.server";
import { listMunicipalityOptions } from "~/members/municipality-options.server";
import { getViewer, requireApprovedMember, summarise } from "~/members/permissions.server";
import { can, type ViewerSummary } from "~/members/rights";
import { AdoptionSection, type AdoptionFormData, type AdoptionReply } from "~/solutions/adoption-form";
import { findMunicipality, readAdoptionForm, readConfirmForm, readCooperationForm } from "~/solutions/adoption-forms";
import type { AdoptionState } from "../../db/schema/solution-values";
import type { AdoptionPicture } from "~/solutions/adoption-picture";
import { AdoptionPictureView } from "~/solutions/adoption-picture-view";
import { loadAdoptionPicture } from "~/solutions/adoption-picture.server";
import {
  adoptionOf,
  adoptionsOf,
  confirmAdoption,
  mayRecordAdoption,
  recordAdoption,
  recordForCooperation,
} from "~/solutions/adoptions.server";
import { forumSessionsOfSolution } from "~/solutions/links.server";
import { commentOnSolution } from "~/solutions/solution-comments.server";
import { adoptionRecord, cooperationOf, currentRecord } from "~/solutions/solution-page.server";
import { StatusBadge } from "~/solutions/status-badge";
import { AdoptionList, ForumSessionLinks, SolutionFacts, StatusTimeline } from "~/solutions/solution-page-parts";
import { suggestedStatus, type AdoptionTally } from "~/solutions/scaling";
import { getSolutionBySlug, getSolutionDetails, mayEditSolution, mayReadSolution, statusHistory } from "~/solutions/solutions.server";
import type { Solution } from "../../db/schema";
import { baseData, type BaseData } from "~/base-data.server";
import { pageTitle, socialMeta } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, "error.notFound.title");
  const { solution, share } = data;
  const title = pageTitle(matches, () => solution.name);
  // Only an accepted entry is offered for previews: a proposal may not reach the open web.
  return share ? [...title, ...socialMeta(matches, { title: solution.name, description: solution.summary, url: share.url })] : title;
};

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The entry a request names, if the viewer may read it: a proposal or a rejected one is a 404 for others. */
async function readableSolution(slug: string | undefined, viewer: ViewerSummary | null): Promise<Solution> {
  return readable(await solutionNamed(slug), viewer);
}

const solutionNamed = (slug: string | undefined) => (slug && SLUG.test(slug) ? getSolutionBySlug(slug) : undefined);

function readable(solution: Solution | undefined, viewer: ViewerSummary | null): Solution {
  if (!solution || !mayReadSolution(viewer, solution)) notFound();
  return solution;
}

/** What an approved member may record here: their own municipality, any for a coordinator (?municipality=), a cooperation's. */
async function adoptionFormFor(solution: Solution, viewer: ViewerSummary, request: Request, base: BaseData): Promise<AdoptionFormData> {
  const coordinator = can(viewer, "coordinate");
  const asked = coordinator ? new URL(request.url).searchParams.get("municipality") : null;
  const named = (number: string | null | undefined) => {
    const found = number ? base.municipality.get(number) : undefined;
    return found ? { number: found.number, name: found.name } : undefined;
  };
  const target = named(asked) ?? named(viewer.municipalityNumber) ?? null;
  const [cooperation, current] = await Promise.all([cooperationOf(viewer), target ? currentRecord(solution.id, target.number) : null]);
  return {
    today: osloToday(),
    target,
    current,
    anyMunicipality: coordinator,
    cooperation: cooperation ?? null,
  };
}

/** How many municipalities of each adoption state the page lists by name. */
const ADOPTERS_SHOWN_PER_STATE = 12;

/** The picture already counts the adoptions by state and county: the scaling suggestion reads those. */
function tallyOf(picture: AdoptionPicture): AdoptionTally {
  return { byState: picture.counts, inUseCounties: picture.counties.filter((county) => county.counts.in_use > 0).length };
}

function firstPerState<T extends { state: AdoptionState }>(rows: readonly T[], limit: number): T[] {
  const taken: Partial<Record<AdoptionState, number>> = {};
  return rows.filter((row) => (taken[row.state] = (taken[row.state] ?? 0) + 1) <= limit);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // The entry is read beside the viewer, and refused after if the viewer may not read it.
  const [signedIn, found, base] = await Promise.all([getViewer(request, context), solutionNamed(params.slug), baseData(request, context)]);
  const viewer = summarise(signedIn);
  const solution = readable(found, viewer);
  const accepted = solution.review === "accepted";
  const isMember = can(viewer, "readMembersOnly");
  const isCoordinator = can(viewer, "coordinate");
  const [details, history, picture, adoptions, experiences, sessions, comments, adoptionForm] = await Promise.all([
    getSolutionDetails(solution),
    statusHistory(solution.id),
    accepted ? loadAdoptionPicture(solution.id) : null,
    accepted ? adoptionsOf(solution.id) : [],
    accepted ? experiencesOfSolution(solution.id, viewer) : [],
    accepted ? forumSessionsOfSolution(solution.id, viewer) : [],
    accepted ? commentsForViewer({ type: "solution", id: solution.id }, request, viewer) : null,
    accepted && viewer && can(viewer, "write") ? adoptionFormFor(solution, viewer, request, base) : null,
  ]);
  const { owner } = details;
  return {
    solution: {
      id: solution.id,
      slug: solution.slug,
      name: solution.name,
      summary: solution.summary,
      descriptionHtml: solution.descriptionHtml,
      status: solution.status,
      review: solution.review,
      // The reason is for those who may read a rejected entry: its proposer and coordinators.
      reviewNote: solution.review === "rejected" ? solution.reviewNote : null,
      inUseCount: solution.inUseCount,
      adoptionCount: solution.adoptionCount,
      jointInterestCount: solution.jointInterestCount,
    },
    facts: {
      owner: owner ? (owner.type === "municipality" ? owner : { type: owner.type, slug: owner.slug, name: owner.name, kind: owner.kind }) : null,
      suppliers: details.suppliers.map(({ slug, name }) => ({ slug, name })),
      components: solution.components,
      archiveSystems: solution.archiveSystems,
      links: { websiteUrl: solution.websiteUrl, sourceUrl: solution.sourceUrl, documentationUrl: solution.documentationUrl },
      licence: solution.licence,
      openSource: solution.openSource,
      // Staff names and addresses are for members; visitors are pointed to the owner.
      contact: isMember && details.contact ? { name: details.contact.name, email: details.contact.email } : null,
      themes: details.themes.map(({ slug, nameNb, nameEn }) => ({ slug, nameNb, nameEn })),
    },
    history: history.map((row) => ({
      id: row.id,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      note: row.note,
      effectiveOn: row.effectiveOn,
      changedByName: isMember ? row.changedByName : null,
    })),
    // The adoptions' hint for coordinators; a person decides on the status page.
    suggestion: picture && isCoordinator ? suggestedStatus(solution.status, tallyOf(picture)) : null,
    picture,
    // A solution in use in hundreds of municipalities would make a page of 200 KB: the first few per state
    // here, and all of them on the evidence page.
    adopterCounts: Object.fromEntries(Object.entries(picture?.counts ?? {}).filter(([, n]) => n > 0)) as Partial<Record<AdoptionState, number>>,
    adoptions: firstPerState(adoptions, ADOPTERS_SHOWN_PER_STATE).map((a) => ({
      municipalityNumber: a.municipalityNumber,
      municipalityName: a.municipalityName,
      countyName: a.countyName,
      state: a.state,
      since: a.since,
      note: a.note,
      openToJointProcurement: a.openToJointProcurement,
      confirmedAt: a.confirmedAt,
      stale: a.stale,
      recordedByName: isMember ? a.recordedByName : null,
      viaOrganisationName: a.viaOrganisationName,
    })),
    experiences: experiences.map(({ id, title, visibility, publishedAt, municipalityName }) => ({ id, title, visibility, publishedAt, municipalityName })),
    sessions: sessions.map(({ id, title, startsAt, agendaItemTitle }) => ({ id, title, startsAt, agendaItemTitle })),
    comments,
    adoptionForm,
    canEdit: mayEditSolution(viewer, solution),
    isCoordinator,
    isProposer: viewer !== null && viewer.id === solution.proposedBy,
    viewerState: !viewer ? "anonymous" : can(viewer, "write") ? "member" : "pending",
    // The address a shared link previews with, from PUBLIC_URL (never the request's Host).
    share: accepted ? { url: `${publicUrl()}/solutions/${solution.slug}` } : null,
  } as const;
}

type Reply = Partial<CommentReply> & AdoptionReply & { message?: MessageKey };

const refuse = (reply: Reply, status: number) => data<Reply>(reply, { status });

/** One municipality's relation: the member's own (a forged other one is 403), or any a coordinator types. */
async function adopt(formData: FormData, solution: Solution, viewer: ViewerSummary) {
  const coordinator = can(viewer, "coordinate");
  const form = readAdoptionForm(formData, osloToday());
  const typed = (form.ok ? form.value.municipality : form.values.municipality.trim()) || undefined;
  const errors = form.ok ? {} : { ...form.errors };
  let number: string | undefined;
  if (!coordinator) {
    // The member's form names their own municipality in a hidden field: any other is a forged form.
    if (!viewer.municipalityNumber || (typed !== undefined && typed !== viewer.municipalityNumber)) forbidden();
    number = viewer.municipalityNumber;
  } else if (!typed) {
    number = viewer.municipalityNumber ?? undefined;
    if (!number) errors.municipality = ["form.required"];
  } else {
    const register = (await listMunicipalityOptions()).map((option) => ({ number: option.slice(0, 4), name: option.slice(5) }));
    const found = findMunicipality(typed, register);
    if (found.ok) number = found.number;
    else errors.municipality = [found.message];
  }
  if (!form.ok || !number || Object.keys(errors).length > 0) {
    return refuse({ adoption: { errors, values: form.values } }, 400);
  }
  const { input, basedOnVersion } = form.value;
  // The version the form showed is of the municipality it showed: for another one, the form saw nothing of it.
  const shownFor = form.values.shownFor || number;
  const result = await recordAdoption(viewer, solution.id, number, input, shownFor === number ? basedOnVersion : null);
  if (!result.ok) {
    if (result.reason !== "stale") return result.reason === "forbidden" ? forbidden() : notFound();
    const stale = await adoptionRecord(result.current);
    // Shown again as typed, now based on the stored record: saving again replaces it knowingly.
    const values = { ...form.values, shownFor: number, basedOnVersion: String(stale.version) };
    return refuse({ adoption: { errors: { form: ["solutionPage.adoption.staleTitle"] }, values }, stale }, 409);
  }
  const chosen = coordinator && number !== viewer.municipalityNumber ? `?municipality=${number}` : "";
  return redirect(`/solutions/${solution.slug}${chosen}#adoption`, 303);
}

async function adoptForCooperation(formData: FormData, solution: Solution, viewer: ViewerSummary) {
  const cooperation = await cooperationOf(viewer);
  if (!cooperation) forbidden();
  const form = readCooperationForm(formData, osloToday());
  if (!form.ok) return refuse({ cooperation: { errors: form.errors, values: form.values } }, 400);
  const result = await recordForCooperation(viewer, cooperation.id, solution.id, form.value);
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    forbidden();
  }
  return redirect(`/solutions/${solution.slug}#adoption`, 303);
}

/** "Still right": refused when the record changed since the page showed it. */
async function confirm(formData: FormData, solution: Solution, viewer: ViewerSummary) {
  const form = readConfirmForm(formData);
  if (!form.ok) return refuse({ confirm: { message: "error.badRequest.body" } }, 400);
  const { municipality, version } = form.value;
  if (!mayRecordAdoption(viewer, municipality)) forbidden();
  const adoption = await adoptionOf(solution.id, municipality);
  if (!adoption) notFound();
  if (adoption.version !== version) {
    return refuse({ confirm: { message: "solutionPage.adoption.confirmStale", stale: await adoptionRecord(adoption) } }, 409);
  }
  if (!(await confirmAdoption(viewer, adoption.id)).ok) forbidden();
  const chosen = municipality !== viewer.municipalityNumber ? `?municipality=${municipality}` : "";
  return redirect(`/solutions/${solution.slug}${chosen}#adoption`, 303);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = summarise(await requireApprovedMember(request, context))!;
  const solution = await readableSolution(params.slug, viewer);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "comment") return postComment(formData, { author: viewer, context }, (bodyMd) => commentOnSolution(viewer, solution.id, bodyMd));
  if (intent !== "adopt" && intent !== "adoptForCooperation" && intent !== "confirm") return refuse({ message: "error.badRequest.body" }, 400);
  // Only accepted entries are adopted: a proposal is not yet in the catalogue.
  if (solution.review !== "accepted") notFound();
  if (intent === "adopt") return adopt(formData, solution, viewer);
  if (intent === "adoptForCooperation") return adoptForCooperation(formData, solution, viewer);
  return confirm(formData, solution, viewer);
}

function Actions() {
  const { solution, canEdit, isCoordinator } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/solutions/${solution.slug}`;
  const accepted = solution.review === "accepted";
  const links: [string, MessageKey, boolean][] = [
    [`${base}/edit`, "solutionPage.edit", canEdit],
    [`${base}/status`, "solutionPage.setStatus", accepted && isCoordinator],
    [`${base}/evidence`, "solutionPage.evidence", accepted],
    [`${base}/joint-procurement`, "solutionPage.jointProcurement", accepted],
    [`${base}/joint-procurement.csv`, "solutionPage.jointProcurementCsv", accepted],
    [`${base}.json`, "solutionPage.json", accepted],
  ];
  const shown = links.filter(([, , show]) => show);
  if (shown.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
      {shown.map(([to, label]) => (
        <li key={to}>
          {/* Files and data are fetched as such, not through the app's client navigation. */}
          <Link className="ds-link" to={to} reloadDocument={to.endsWith(".csv") || to.endsWith(".json")}>
            {t(label)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function ReviewNotice() {
  const { solution, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  if (solution.review === "proposed") {
    return (
      <div className="ds-alert mt-6 max-w-3xl" data-color="info">
        <p className="ds-paragraph">{t("solutionPage.awaitingReview")}</p>
        {canEdit ? (
          <p className="ds-paragraph mt-2">
            <Link className="ds-link" to={`/solutions/${solution.slug}/edit`}>
              {t("solutionPage.reviewOrEdit")}
            </Link>
          </p>
        ) : null}
      </div>
    );
  }
  if (solution.review === "rejected") {
    return (
      <div className="ds-alert mt-6 max-w-3xl" data-color="warning">
        <p className="ds-paragraph">{t("solutionPage.rejected")}</p>
        {solution.reviewNote ? (
          <p className="ds-paragraph mt-2 whitespace-pre-line break-words">
            <Norwegian>{solution.reviewNote}</Norwegian>
          </p>
        ) : null}
      </div>
    );
  }
  return null;
}

function Suggestion() {
  const { solution, suggestion } = useLoaderData<typeof loader>();
  const t = useT();
  if (!suggestion) return null;
  return (
    <div className="ds-alert mt-4" data-color="info">
      <p className="ds-paragraph">
        {t("solutionPage.suggestion", { status: t(`solutions.status.${suggestion}`), current: t(`solutions.status.${solution.status}`) })}
      </p>
      <p className="ds-paragraph mt-2">
        <Link className="ds-link" to={`/solutions/${solution.slug}/status?suggested=${suggestion}`}>
          {t("solutionPage.suggestionLink")}
        </Link>
      </p>
    </div>
  );
}

export default function SolutionPage() {
  const { solution, facts, history, picture, adoptions, adopterCounts, experiences, sessions, comments, adoptionForm, isCoordinator, viewerState } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const location = useLocation();
  const accepted = solution.review === "accepted";
  return (
    <>
      <PageHeading back={{ to: "/solutions", label: t("solutionPage.back") }}>
        <Norwegian>{solution.name}</Norwegian>
      </PageHeading>
      <p className="mt-3 flex flex-wrap items-center gap-3">
        <span className="sr-only">{t("solutionPage.status")}</span>
        {accepted ? <StatusBadge status={solution.status} /> : null}
        {!accepted ? (
          <span className="ds-tag" data-color={solution.review === "rejected" ? "danger" : "neutral"} data-size="sm">
            {t(`solutions.review.${solution.review}`)}
          </span>
        ) : null}
        {accepted ? <span>{t("solutionPage.inUseCount", { count: solution.inUseCount })}</span> : null}
      </p>
      <Actions />
      <ReviewNotice />
      <p className="ds-paragraph mt-6 max-w-3xl break-words" data-size="lg">
        <Norwegian>{solution.summary}</Norwegian>
      </p>
      <SolutionFacts {...facts} />
      {solution.descriptionHtml ? <RenderedMarkdown className="mt-8 max-w-3xl break-words" html={solution.descriptionHtml} /> : null}

      {accepted ? (
        <section className="mt-10 max-w-3xl" aria-labelledby="scaling">
          <h2 id="scaling" className="ds-heading" data-size="sm">
            {t("solutionPage.scalingHeading")}
          </h2>
          <StatusTimeline history={history} />
          {isCoordinator ? <Suggestion /> : null}
        </section>
      ) : null}

      {accepted ? (
        <section className="mt-10" aria-labelledby="adoptions">
          <h2 id="adoptions" className="ds-heading" data-size="sm">
            {t("solutionPage.adoptionsHeading")}
          </h2>
          <p className="ds-paragraph mt-2">
            {t("solutionPage.adoptionsSummary", { count: solution.adoptionCount, inUse: solution.inUseCount, joint: solution.jointInterestCount })}
          </p>
          {picture ? <AdoptionPictureView picture={picture} /> : null}
          <AdoptionList
            adoptions={adoptions}
            counts={adopterCounts}
            allHref={`/solutions/${solution.slug}/evidence#adopters`}
            changeHref={isCoordinator ? (number) => `/solutions/${solution.slug}?municipality=${number}#adoption` : null}
          />
        </section>
      ) : null}

      {accepted ? <AdoptionSection viewerState={viewerState} form={adoptionForm} reply={reply} /> : null}

      {experiences.length > 0 ? (
        <section className="mt-10" aria-labelledby="experiences">
          <h2 id="experiences" className="ds-heading" data-size="sm">
            {t("solutionPage.experiencesHeading")}
          </h2>
          <ExperienceLinkList experiences={experiences} />
        </section>
      ) : null}

      {sessions.length > 0 ? (
        <section className="mt-10" aria-labelledby="sessions">
          <h2 id="sessions" className="ds-heading" data-size="sm">
            {t("solutionPage.sessionsHeading")}
          </h2>
          <ForumSessionLinks sessions={sessions} />
        </section>
      ) : null}

      {comments ? (
        <section className="mt-10" aria-labelledby="comments">
          <h2 id="comments" className="ds-heading scroll-mt-4" data-size="sm">
            {t("comments.heading")} ({comments.total})
          </h2>
          <CommentList list={comments} search={location.search} />
          <CommentForm viewerState={viewerState} reply={reply?.comment} />
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
