import { personName } from "~/members/person-name";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { isSupportable } from "../../db/schema/topic-values";
import { CommentForm } from "~/comments/comment-form";
import { CommentList } from "~/comments/comment-list";
import { commentsForViewer, postComment, type CommentReply } from "~/comments/comment-pages.server";
import { ExperienceLinkList } from "~/experiences/experience-links";
import { experiencesFromTopic } from "~/experiences/experiences.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { notFound, parseId } from "~/lib/http.server";
import { getViewer, requireApprovedMember, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { SupportForm, type SupportReply } from "~/topics/support-form";
import { TopicChain, TopicHistory, type ChainSession, type HistoryRow } from "~/topics/topic-page-parts";
import { TopicStatusTag } from "~/topics/topic-status-tag";
import { commentOnTopic, getTopic, getTopicDetails, mayEditTopic, mergeTarget, setSupport } from "~/topics/topics.server";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.topic.title : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [found, signedIn] = await Promise.all([id ? getTopic(id) : undefined, getViewer(request, context)]);
  if (!found) notFound();
  const { topic } = found;
  // A merged topic lives on in the one it was merged into (followed through later merges).
  if (topic.status === "merged") {
    const target = await mergeTarget(topic);
    if (target !== undefined) throw redirect(`/topics/${target}`);
  }
  const viewer = summarise(signedIn);
  const isMember = can(viewer, "readMembersOnly");
  const isCoordinator = can(viewer, "coordinate");
  const [details, comments, experiences] = await Promise.all([
    getTopicDetails(topic, viewer?.id ?? null),
    commentsForViewer({ type: "topic", id: topic.id }, request, viewer),
    experiencesFromTopic(topic.id, viewer),
  ]);
  // Only coordinators see a draft forum session (its page is a 404 for everyone else): its title and links are left out.
  const hidden = (status: string | null) => status === "draft" && !isCoordinator;
  const item = details.agendaItem;
  const session: ChainSession | null = item
    ? {
        id: item.forumSessionId,
        title: hidden(item.forumSessionStatus) ? null : item.forumSessionTitle,
        startsAt: item.startsAt,
        agendaItemId: item.agendaItemId,
        summaryPublished: item.summaryPublished,
      }
    : null;
  const history: HistoryRow[] = details.history.map((h) => ({
    id: h.id,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    note: h.note,
    createdAt: h.createdAt,
    // Staff names are not published to the open web (as on member pages): others learn the part they played.
    actorName: isMember ? h.actorName : null,
    actorKind: h.toStatus === "covered" && !h.actorName ? "system" : h.fromStatus === null ? "proposer" : "coordinator",
    forumSession: h.forumSessionId && h.forumSessionTitle && !hidden(h.forumSessionStatus) ? { id: h.forumSessionId, title: h.forumSessionTitle } : null,
    agendaItemId: h.forumSessionId && h.forumSessionId === item?.forumSessionId ? item.agendaItemId : null,
    mergedInto: h.mergedIntoId && h.mergedIntoTitle ? { id: h.mergedIntoId, title: h.mergedIntoTitle } : null,
  }));
  return {
    topic: {
      id: topic.id,
      title: topic.title,
      status: topic.status,
      descriptionHtml: topic.descriptionHtml,
      canPresent: topic.canPresent,
      declineReason: topic.declineReason,
      supportCount: topic.supportCount,
      createdAt: topic.createdAt,
      municipalityNumber: topic.municipalityNumber,
    },
    proposerName: isMember ? found.proposerName : null,
    municipalityName: found.municipalityName,
    themes: details.themes,
    experienced: details.experienced,
    mergedFrom: details.mergedFrom,
    mergedInto: details.mergedInto ?? null,
    session,
    history,
    supported: details.supported,
    supportOpen: isSupportable(topic.status),
    viewerState: !viewer ? "anonymous" : can(viewer, "write") ? "member" : "pending",
    canEdit: mayEditTopic(viewer, topic),
    canTriage: isCoordinator,
    comments,
    experiences: experiences.map(({ id, title, visibility, publishedAt, municipalityName }) => ({ id, title, visibility, publishedAt, municipalityName })),
    canWriteUp: can(viewer, "write"),
  } as const;
}

type Reply = SupportReply & Partial<CommentReply>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const id = parseId(params.id);
  if (!id) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "support" || intent === "withdraw") {
    const result = await setSupport(viewer.member.id, id, intent === "support");
    if (!result.ok) {
      if (result.reason === "notFound") notFound();
      return data<Reply>({ message: "topicPage.supportClosed" }, { status: 409 });
    }
    // The script's fetcher asks for the count; a plain form goes back to the page (PRG).
    if (formData.get("reply") === "data") return data<Reply>({ support: { supportCount: result.supportCount, supported: result.supported } });
    return redirect(`/topics/${id}`, 303);
  }
  if (intent === "comment") {
    return postComment(formData, { author: summarise(viewer)!, context }, (bodyMd) => commentOnTopic({ id: viewer.member.id, name: viewer.member.name }, id, bodyMd));
  }
  return data<Reply>({ message: "error.badRequest.body" }, { status: 400 });
}

function Facts() {
  const { topic, proposerName, municipalityName, themes, experienced } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <dl className="mt-6 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
      <dt className="font-semibold">{t("topicPage.status")}</dt>
      <dd>
        <TopicStatusTag status={topic.status} />
      </dd>
      <dt className="mt-2 font-semibold sm:mt-0">{t("topicPage.proposedBy")}</dt>
      <dd className="min-w-0">
        {proposerName !== null ? `${personName(t, proposerName)}${municipalityName ? ", " : ""}` : null}
        {municipalityName && topic.municipalityNumber ? (
          <Link className="ds-link" to={`/municipalities/${topic.municipalityNumber}`}>
            <Norwegian>{municipalityName}</Norwegian>
          </Link>
        ) : proposerName !== null ? null : (
          t("topicPage.aMember")
        )}
      </dd>
      <dt className="mt-2 font-semibold sm:mt-0">{t("topicPage.proposedOn")}</dt>
      <dd>
        <time dateTime={new Date(topic.createdAt).toISOString()}>{formatDate(new Date(topic.createdAt), language)}</time>
      </dd>
      {themes.length > 0 ? (
        <>
          <dt className="mt-2 font-semibold sm:mt-0">{t("topicPage.themes")}</dt>
          <dd>{themes.map((theme) => (language === "nb" ? theme.nameNb : theme.nameEn)).join(", ")}</dd>
        </>
      ) : null}
      {topic.canPresent ? (
        <>
          <dt className="mt-2 font-semibold sm:mt-0">{t("topicPage.canPresent")}</dt>
          <dd>{t("topicPage.canPresentYes")}</dd>
        </>
      ) : null}
      {experienced.length > 0 ? (
        <>
          <dt className="mt-2 font-semibold sm:mt-0">{t("topicPage.experienced")}</dt>
          <dd className="min-w-0">
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {experienced.map((m) => (
                <li key={m.number}>
                  <Link className="ds-link" to={`/municipalities/${m.number}`}>
                    <Norwegian>{m.name}</Norwegian>
                  </Link>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Write-ups that came from this topic (the end of its chain), and for members a way to write one. */
function TopicExperiences() {
  const { topic, experiences, canWriteUp } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="mt-10" aria-labelledby="experiences">
      <h2 id="experiences" className="ds-heading" data-size="sm">
        {t("experienceLinks.topic.heading")}
      </h2>
      {experiences.length > 0 ? (
        <ExperienceLinkList experiences={experiences} />
      ) : (
        <p className="ds-paragraph mt-2">{t("experienceLinks.topic.none")}</p>
      )}
      {canWriteUp ? (
        <p className="mt-4">
          <Link className="ds-link" to={`/experiences/new?topic=${topic.id}`}>
            {t("experienceLinks.topic.write")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export default function TopicPage() {
  const { topic, session, history, mergedFrom, mergedInto, supported, supportOpen, viewerState, canEdit, canTriage, comments } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const location = useLocation();
  return (
    <>
      <PageHeading back={{ to: "/topics", label: t("topicPage.back") }}>
        <Norwegian>{topic.title}</Norwegian>
      </PageHeading>
      {canEdit || canTriage ? (
        <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          {canEdit ? (
            <li>
              <Link className="ds-link" to={`/topics/${topic.id}/edit`}>
                {t("topicPage.edit")}
              </Link>
            </li>
          ) : null}
          {canTriage ? (
            <li>
              <Link className="ds-link" to={`/topics/${topic.id}/triage`}>
                {t("topicPage.triage")}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      <Facts />
      <div className="mt-6 max-w-3xl">
        <SupportForm count={topic.supportCount} supported={supported} open={supportOpen} viewerState={viewerState} reply={reply?.message ? reply : undefined} />
      </div>
      <TopicChain status={topic.status} createdAt={topic.createdAt} session={session} declineReason={topic.declineReason} />
      {mergedInto ? (
        <p className="ds-paragraph mt-4">
          <Link className="ds-link" to={`/topics/${mergedInto.id}`}>
            {t("topicPage.mergedInto", { title: mergedInto.title })}
          </Link>
        </p>
      ) : null}
      {mergedFrom.length > 0 ? (
        <div className="mt-4">
          <p className="ds-paragraph font-semibold">{t("topicPage.mergedFrom")}</p>
          <ul className="mt-1 list-disc pl-6">
            {mergedFrom.map((m) => (
              <li key={m.id}>
                <Norwegian>{m.title}</Norwegian>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {topic.descriptionHtml ? <RenderedMarkdown className="mt-8 max-w-3xl break-words" html={topic.descriptionHtml} /> : null}

      <TopicExperiences />

      <section className="mt-10" aria-labelledby="history">
        <h2 id="history" className="ds-heading" data-size="sm">
          {t("topicPage.history.heading")}
        </h2>
        <TopicHistory rows={history} />
      </section>

      <section className="mt-10" aria-labelledby="comments">
        <h2 id="comments" className="ds-heading scroll-mt-4" data-size="sm">
          {t("comments.heading")} ({comments.total})
        </h2>
        <CommentList list={comments} search={location.search} />
        {topic.status === "merged" ? null : <CommentForm viewerState={viewerState} reply={reply?.comment} />}
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
