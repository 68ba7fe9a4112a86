import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { MembersOnlyTag } from "~/experiences/experience-links";
import { SessionTime, StatusTag } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { capitalise } from "~/lib/text";
import { MY_PAGE_SHOWN } from "~/members/my-page";
import { loadMyPage } from "~/members/my-page.server";
import { requireSignedIn } from "~/members/permissions.server";
import { Workplace } from "~/organisations/workplace";
import { StatusBadge } from "~/solutions/status-badge";
import { TopicStatusTag } from "~/topics/topic-status-tag";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "me.title");

// One member's own page, with their secret calendar address: no shared cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const page = await loadMyPage(member, (await baseData(request, context)).municipality);
  return {
    member: {
      id: member.id,
      name: member.name,
      jobTitle: member.jobTitle,
      email: member.email,
      status: member.status,
      role: member.role,
      language: member.language,
    },
    ...page,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A section of the page: its heading (h2) names it for screen readers. */
function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="mt-10" aria-labelledby={id}>
      <h2 id={id} className="ds-heading" data-size="sm">
        {heading}
      </h2>
      {children}
    </section>
  );
}

function Subheading({ children }: { children: ReactNode }) {
  return (
    <h3 className="ds-heading mt-6" data-size="xs">
      {children}
    </h3>
  );
}

function MoreLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mt-3">
      <Link className="ds-link" to={to}>
        {children}
      </Link>
    </p>
  );
}

/** Who I am, in short, and where to change it. */
function AboutMe() {
  const { member, workplace } = useLoaderData<typeof loader>();
  const t = useT();
  const approved = member.status === "approved";
  return (
    <Section id="about" heading={t("myPage.about.heading")}>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 break-words">
        <dt className="font-semibold">{t("signUp.name")}</dt>
        <dd className="min-w-0">{member.name}</dd>
        <dt className="font-semibold">{t("signUp.jobTitle")}</dt>
        <dd className="min-w-0">{member.jobTitle}</dd>
        <dt className="font-semibold">{t("myPage.about.email")}</dt>
        <dd className="min-w-0">{member.email}</dd>
        <dt className="font-semibold">
          {workplace.organisation && !workplace.municipality ? t("organisations.workplace.organisation") : t("myPage.about.municipality")}
        </dt>
        <dd className="min-w-0">
          <Workplace municipality={workplace.municipality} organisation={workplace.organisation} />
        </dd>
        <dt className="font-semibold">{t("myPage.about.status")}</dt>
        <dd>{t(`members.status.${member.status}` as MessageKey)}</dd>
        <dt className="font-semibold">{t("myPage.about.role")}</dt>
        <dd>{t(`members.role.${member.role}` as MessageKey)}</dd>
        <dt className="font-semibold">{t("myPage.language.heading")}</dt>
        <dd>{t(`myPage.language.${member.language}`)}</dd>
      </dl>
      <nav aria-label={t("myPage.about.links")}>
        <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link className="ds-link" to="/me/profile">
              {t(approved ? "myPage.about.editProfile" : "myPage.about.chooseLanguage")}
            </Link>
          </li>
          <li>
            <Link className="ds-link" to="/me/password">
              {t("myPage.about.changePassword")}
            </Link>
          </li>
          <li>
            <a className="ds-link" href="/me/data.json" download>
              {t("privacy.myPage.download")}
            </a>
          </li>
          <li>
            <Link className="ds-link" to="/me/delete">
              {t("privacy.myPage.delete")}
            </Link>
          </li>
          {approved ? (
            <li>
              <Link className="ds-link" to={`/members/${member.id}`}>
                {t("myPage.about.publicPage")}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </Section>
  );
}

type Session = NonNullable<Data["registrations"]>["upcoming"]["items"][number];

function SessionItem({ session, past }: { session: Session; past?: boolean }) {
  const t = useT();
  const language = useLanguage();
  return (
    <li className="min-w-0 break-words">
      <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
          <Norwegian>{session.title}</Norwegian>
        </Link>
        {session.status === "planned" || (past && session.status === "held") ? null : <StatusTag status={session.status} />}
        {session.hasSummary ? (
          <span className="ds-tag" data-color="success" data-size="sm">
            {capitalise(t("myPage.registrations.summary"))}
          </span>
        ) : null}
      </span>
      <span className="block text-sm">
        {past ? (
          <time dateTime={new Date(session.startsAt).toISOString()}>{formatDate(new Date(session.startsAt), language)}</time>
        ) : (
          <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} />
        )}
      </span>
    </li>
  );
}

/** The forum sessions I am registered for, and my personal calendar address (made on /me/calendar). */
function MyRegistrations({ registrations, calendar }: { registrations: NonNullable<Data["registrations"]>; calendar: Data["calendar"] }) {
  const t = useT();
  const { upcoming, past } = registrations;
  return (
    <Section id="registrations" heading={t("myPage.registrations.heading")}>
      <Subheading>{t("myPage.registrations.upcoming")}</Subheading>
      {upcoming.items.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("myPage.registrations.noneUpcoming")}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {upcoming.items.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ul>
      )}
      {past.items.length > 0 ? (
        <>
          <Subheading>{t("myPage.registrations.past")}</Subheading>
          <ul className="mt-2 space-y-3">
            {past.items.map((session) => (
              <SessionItem key={session.id} session={session} past />
            ))}
          </ul>
        </>
      ) : null}
      <MoreLink to="/forum-sessions">{t("myPage.registrations.all")}</MoreLink>

      <Subheading>{t("myPage.calendar.heading")}</Subheading>
      <p className="ds-paragraph mt-2">{t("myPage.calendar.lead")}</p>
      {calendar ? (
        <div className="mt-4 space-y-4">
          <Field name="feedUrl" label={t("calendar.me.address")} value={calendar.feedUrl} readOnly />
          <p className="flex flex-wrap gap-x-6 gap-y-2">
            <a className="ds-link" href={calendar.webcalUrl}>
              {t("calendar.me.webcal")}
            </a>
            <Link className="ds-link" to="/me/calendar">
              {t("myPage.calendar.manage")}
            </Link>
          </p>
        </div>
      ) : (
        <MoreLink to="/me/calendar">{t("myPage.calendar.create")}</MoreLink>
      )}
    </Section>
  );
}

type Topic = NonNullable<Data["proposed"]>["items"][number];

function TopicList({ topics }: { topics: Topic[] }) {
  const t = useT();
  return (
    <ul className="mt-2 space-y-2">
      {topics.map((topic) => (
        <li key={topic.id} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 break-words">
          <Link className="ds-link" to={`/topics/${topic.id}`}>
            <Norwegian>{topic.title}</Norwegian>
          </Link>
          <TopicStatusTag status={topic.status} />
          <span className="text-sm">{t("triage.supportCount", { count: topic.supportCount })}</span>
        </li>
      ))}
    </ul>
  );
}

/** The topics I proposed (any status but merged) and the open ones I support. */
function MyTopics({ proposed, supported }: { proposed: NonNullable<Data["proposed"]>; supported: NonNullable<Data["supported"]> }) {
  const t = useT();
  return (
    <Section id="topics" heading={t("myPage.topics.heading")}>
      <Subheading>{t("myPage.topics.proposed")}</Subheading>
      {proposed.items.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("myPage.topics.noneProposed")}</p>
      ) : (
        <TopicList topics={proposed.items} />
      )}
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        {proposed.more ? (
          <Link className="ds-link" to="/topics?mine=proposed">
            {t("myPage.topics.allProposed")}
          </Link>
        ) : null}
        <Link className="ds-link" to="/topics/new">
          {t("myPage.topics.propose")}
        </Link>
      </p>
      <Subheading>{t("myPage.topics.supported")}</Subheading>
      {supported.items.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("myPage.topics.noneSupported")}</p>
      ) : (
        <TopicList topics={supported.items} />
      )}
      {supported.more ? <MoreLink to="/topics?mine=supported">{t("myPage.topics.allSupported")}</MoreLink> : null}
    </Section>
  );
}

/** "My write-ups": drafts first, each with its status and a way to edit it. */
function MyExperiences({ experiences, more }: { experiences: Data["experiences"]; more: boolean }) {
  const t = useT();
  const language = useLanguage();
  return (
    <Section id="my-experiences" heading={t("experienceLinks.me.heading")}>
      {experiences.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("experienceLinks.me.none")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {experiences.map((experience) => (
            <li key={experience.id} className="min-w-0 break-words">
              <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link className="ds-link" to={`/experiences/${experience.id}`}>
                  <Norwegian>{experience.title}</Norwegian>
                </Link>
                <span className="ds-tag" data-color={experience.status === "draft" ? "neutral" : "success"} data-size="sm">
                  {capitalise(t(`experiences.status.${experience.status}`))}
                </span>
                <MembersOnlyTag visibility={experience.visibility} />
              </span>
              <span className="block text-sm">
                {t("experienceLinks.me.updated", { date: formatDate(new Date(experience.updatedAt), language) })}
                {" · "}
                <Link
                  className="ds-link"
                  to={`/experiences/${experience.id}/edit`}
                  aria-label={t("experienceLinks.me.editLabel", { title: experience.title })}
                >
                  {t("experienceLinks.me.edit")}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="ds-paragraph mt-3" data-size="sm">{t("myPage.experiences.more", { count: MY_PAGE_SHOWN.experiences })}</p> : null}
      <MoreLink to="/experiences/new">{t("experienceLinks.me.write")}</MoreLink>
    </Section>
  );
}

/** "What I follow": each theme and municipality with a button to stop following it (back to this page). */
function MyFollows({ follows, more }: { follows: Data["follows"]; more: boolean }) {
  const t = useT();
  const language = useLanguage();
  return (
    <Section id="my-follows" heading={t("experienceLinks.follows.heading")}>
      {follows.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("experienceLinks.follows.none")}</p>
      ) : (
        <>
          <p className="ds-paragraph mt-2" data-size="sm">
            {t("experienceLinks.follows.lead")}
          </p>
          <ul className="mt-3 space-y-3">
            {follows.map((follow) => {
              const themeName = language === "nb" ? follow.themeNameNb : follow.themeNameEn;
              const name = follow.themeSlug ? t("experienceLinks.follows.theme", { name: themeName ?? follow.themeSlug }) : (follow.municipalityName ?? "");
              return (
                <li key={follow.themeSlug ?? follow.municipalityNumber} className="flex flex-wrap items-center justify-between gap-2">
                  {follow.themeSlug ? (
                    <Link className="ds-link" to={`/experiences?theme=${follow.themeSlug}`}>
                      {name}
                    </Link>
                  ) : (
                    <Link className="ds-link" to={`/municipalities/${follow.municipalityNumber}`}>
                      <Norwegian>{name}</Norwegian>
                    </Link>
                  )}
                  <Form method="post" action="/follows">
                    <input type="hidden" name="intent" value="unfollow" />
                    <input type="hidden" name="redirectTo" value="/me" />
                    {follow.themeSlug ? (
                      <input type="hidden" name="theme" value={follow.themeSlug} />
                    ) : (
                      <input type="hidden" name="municipality" value={follow.municipalityNumber ?? ""} />
                    )}
                    <button
                      type="submit"
                      className="ds-button"
                      data-variant="secondary"
                      data-size="sm"
                      aria-label={t("experienceLinks.follows.stopLabel", { name: themeName ?? follow.municipalityName ?? "" })}
                    >
                      {t("experienceLinks.follows.stop")}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
          {more ? <p className="ds-paragraph mt-3" data-size="sm">{t("myPage.follows.more", { count: MY_PAGE_SHOWN.follows })}</p> : null}
        </>
      )}
    </Section>
  );
}

/** The solutions my municipality uses, pilots, plans or wants (state and since); an organisation's own or supplied ones. */
function OurSolutions({ solutions, workplace }: { solutions: NonNullable<Data["solutions"]>; workplace: Data["workplace"] }) {
  const t = useT();
  const language = useLanguage();
  const municipality = solutions.of === "municipality" ? workplace.municipality : null;
  const organisation = solutions.of === "organisation" ? workplace.organisation : null;
  const name = municipality?.name ?? organisation?.name ?? "";
  return (
    <Section id="our-solutions" heading={t("myPage.solutions.heading", { name })}>
      {solutions.items.length === 0 ? (
        <p className="ds-paragraph mt-2">
          {t(municipality ? "myPage.solutions.municipalityNone" : "myPage.solutions.organisationNone", { name })}
        </p>
      ) : (
        <ul className="mt-3 space-y-2">
          {solutions.items.map((solution) => (
            <li key={solution.slug} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 break-words">
              <Link className="ds-link" to={`/solutions/${solution.slug}`}>
                <Norwegian>{solution.name}</Norwegian>
              </Link>
              {solution.state ? (
                <span className="ds-tag" data-color={solution.state === "in_use" ? "success" : "info"} data-size="sm">
                  {capitalise(t(`solutions.adoption.${solution.state}`))}
                </span>
              ) : (
                <StatusBadge status={solution.status} />
              )}
              {solution.since ? (
                <span className="text-sm">
                  {t("solutionList.municipality.since", { date: formatDate(new Date(`${solution.since}T12:00:00Z`), language) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        {municipality && solutions.more ? (
          <Link className="ds-link" to={`/municipalities/${municipality.number}`}>
            {t("myPage.solutions.allMunicipality", { name })}
          </Link>
        ) : null}
        {organisation ? (
          <Link className="ds-link" to={`/organisations/${organisation.slug}`}>
            {t("myPage.solutions.allOrganisation", { name })}
          </Link>
        ) : null}
        <Link className="ds-link" to="/solutions">
          {t("myPage.solutions.catalogue")}
        </Link>
      </p>
    </Section>
  );
}

/** How my notifications reach me, in one line, and where to choose. */
function MyNotifications({ email }: { email: NonNullable<Data["email"]> }) {
  const t = useT();
  return (
    <Section id="my-notifications" heading={t("myPage.notifications.heading")}>
      <p className="ds-paragraph mt-2">
        {email.on === email.of
          ? t("myPage.notifications.all")
          : email.on === 0
            ? t("myPage.notifications.none")
            : t("myPage.notifications.some", { on: email.on, of: email.of })}
      </p>
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        <Link className="ds-link" to="/notifications#email-settings">
          {t("myPage.notifications.settings")}
        </Link>
        <Link className="ds-link" to="/notifications">
          {t("myPage.notifications.list")}
        </Link>
      </p>
    </Section>
  );
}

export default function MyPage() {
  const page = useLoaderData<typeof loader>();
  const { member } = page;
  const t = useT();
  return (
    <div className="max-w-3xl">
      <h1 className="ds-heading" data-size="lg">
        {t("me.title")}
      </h1>
      {member.status === "pending" ? (
        <div className="mt-6">
          <FormAlert color="warning" message="myPage.pending" />
        </div>
      ) : null}
      {member.status === "rejected" ? (
        <div className="mt-6">
          <FormAlert color="danger" message="myPage.rejected" />
        </div>
      ) : null}
      <AboutMe />
      {page.registrations ? <MyRegistrations registrations={page.registrations} calendar={page.calendar} /> : null}
      {page.proposed && page.supported ? <MyTopics proposed={page.proposed} supported={page.supported} /> : null}
      {member.status === "approved" ? (
        <>
          <MyExperiences experiences={page.experiences} more={page.moreExperiences} />
          <MyFollows follows={page.follows} more={page.moreFollows} />
        </>
      ) : null}
      {page.solutions ? <OurSolutions solutions={page.solutions} workplace={page.workplace} /> : null}
      {page.email ? <MyNotifications email={page.email} /> : null}
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
