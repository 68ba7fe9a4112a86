import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { CommentForm } from "~/comments/comment-form";
import { CommentList } from "~/comments/comment-list";
import { commentsForViewer, postComment, type CommentReply } from "~/comments/comment-pages.server";
import { ExperienceFacts, ProcurementFactBox, type Origin, type Writer } from "~/experiences/experience-page-parts";
import {
  commentOnExperience,
  getExperience,
  getExperienceDetails,
  mayEditExperience,
  mayManageCoAuthors,
  mayReadExperience,
} from "~/experiences/experiences.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useT, type MessageKey } from "~/i18n/i18n";
import { notFound, parseId } from "~/lib/http.server";
import { publicUrl } from "~/lib/settings.server";
import { getViewer, requireApprovedMember, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { solutionsOfExperience } from "~/solutions/links.server";
import { SolutionLinks } from "~/solutions/solution-links";
import { pageTitle, socialMeta } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, "error.notFound.title");
  const { experience, share } = data;
  const title = pageTitle(matches, () => experience.title);
  // Only a published public write-up is offered for previews: nothing else may reach the open web.
  return share ? [...title, ...socialMeta(matches, { title: experience.title, description: experience.summary, url: share.url })] : title;
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [found, signedIn] = await Promise.all([id ? getExperience(id) : undefined, getViewer(request, context)]);
  if (!found) notFound();
  const viewer = summarise(signedIn);
  const { experience, coAuthors, coAuthorIds } = found;
  // A members-only write-up for a visitor, or someone else's draft: as if it did not exist.
  if (!mayReadExperience(viewer, experience, coAuthorIds)) notFound();
  const published = experience.status === "published";
  const [details, comments, solutions] = await Promise.all([
    getExperienceDetails(experience),
    published ? commentsForViewer({ type: "experience", id: experience.id }, request, viewer) : null,
    solutionsOfExperience(experience.id),
  ]);

  // Staff names are not published to the open web (as comments and topic pages do): visitors see municipalities.
  const writers: Writer[] | null = can(viewer, "readMembersOnly")
    ? [
        ...(found.authorName !== null ? [{ name: found.authorName, municipalityName: found.municipalityName, coAuthor: false }] : []),
        ...coAuthors.map((c) => ({ name: c.name, municipalityName: c.municipalityName, coAuthor: true })),
      ]
    : null;
  // Only coordinators see a draft forum session (its page is a 404 for everyone else): no title, no links.
  const session = details.forumSession;
  const sessionHidden = session?.status === "draft" && !can(viewer, "coordinate");
  const item = details.agendaItem;
  const origin: Origin = {
    forumSession: session ? { id: session.id, title: sessionHidden ? null : session.title, startsAt: session.startsAt } : null,
    agendaItem: item && session && item.forumSessionId === session.id && !sessionHidden ? item : null,
    topic: details.topic ?? null,
  };
  const isCoAuthor = viewer !== null && coAuthorIds.includes(viewer.id) && can(viewer, "write");

  return {
    experience: {
      id: experience.id,
      title: experience.title,
      summary: experience.summary,
      bodyHtml: experience.bodyHtml,
      status: experience.status,
      visibility: experience.visibility,
      publishedAt: experience.publishedAt,
      updatedAt: experience.updatedAt,
      revision: experience.revision,
    },
    municipalities: details.municipalities.map(({ number, name }) => ({ number, name })),
    writers,
    themes: details.themes.map(({ slug, nameNb, nameEn }) => ({ slug, nameNb, nameEn })),
    procurement: details.procurement
      ? {
          procedure: details.procurement.procedure,
          year: details.procurement.year,
          suppliers: details.procurement.suppliers,
          valueBand: details.procurement.valueBand,
          partners: details.procurement.partners,
          lessons: details.procurement.lessons,
        }
      : null,
    origin,
    solutions: solutions.map(({ slug, name, status }) => ({ slug, name, status })),
    canEdit: mayEditExperience(viewer, experience, coAuthorIds),
    canSeeCoAuthors: mayManageCoAuthors(viewer, experience) || isCoAuthor,
    viewerState: !viewer ? "anonymous" : can(viewer, "write") ? "member" : "pending",
    comments,
    // The address a shared link previews with, from PUBLIC_URL (never the request's Host).
    share: published && experience.visibility === "public" ? { url: `${publicUrl()}/experiences/${experience.id}` } : null,
  } as const;
}

type Reply = Partial<CommentReply> & { message?: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const id = parseId(params.id);
  if (!id) notFound();
  const formData = await request.formData();
  if (formData.get("intent") === "comment") {
    return postComment(formData, { author: summarise(viewer)!, context }, (bodyMd) => commentOnExperience(summarise(viewer)!, id, bodyMd));
  }
  return data<Reply>({ message: "error.badRequest.body" }, { status: 400 });
}

function Actions() {
  const { experience, canEdit, canSeeCoAuthors } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
      {canEdit ? (
        <li>
          <Link className="ds-link" to={`/experiences/${experience.id}/edit`}>
            {t("experiencePage.edit")}
          </Link>
        </li>
      ) : null}
      <li>
        <Link className="ds-link" to={`/experiences/${experience.id}/history`}>
          {t("experiencePage.history", { count: experience.revision })}
        </Link>
      </li>
      {canSeeCoAuthors ? (
        <li>
          <Link className="ds-link" to={`/experiences/${experience.id}/co-authors`}>
            {t("experiencePage.coAuthorsLink")}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

export default function ExperiencePage() {
  const { experience, municipalities, writers, themes, procurement, origin, solutions, canEdit, viewerState, comments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const location = useLocation();
  return (
    <>
      <PageHeading back={{ to: "/experiences", label: t("experiencePage.back") }}>
        <Norwegian>{experience.title}</Norwegian>
      </PageHeading>
      <Actions />
      {experience.status === "draft" ? (
        <div className="ds-alert mt-6 max-w-3xl" data-color="warning">
          <p className="ds-paragraph">{t("experiencePage.draft")}</p>
          {canEdit ? (
            <p className="ds-paragraph mt-2">
              <Link className="ds-link" to={`/experiences/${experience.id}/edit`}>
                {t("experiencePage.draftPublish")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="ds-paragraph mt-6 max-w-3xl break-words" data-size="lg">
        <Norwegian>{experience.summary}</Norwegian>
      </p>
      <ExperienceFacts
        municipalities={municipalities}
        writers={writers}
        status={experience.status}
        visibility={experience.visibility}
        publishedAt={experience.publishedAt}
        updatedAt={experience.updatedAt}
        themes={themes}
        origin={origin}
      />
      {procurement ? <ProcurementFactBox facts={procurement} /> : null}
      <RenderedMarkdown className="mt-8 max-w-3xl break-words" html={experience.bodyHtml} />
      <SolutionLinks solutions={solutions} />

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
