import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adoptions, agendaItems, experiences, forumSessions, members, notifications, organisations, registrations, solutions, summaries, themes, topics } from "../../db/schema";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, PASSWORD, type TestMember } from "../helpers/members";
import { createExperienceAs } from "../helpers/experiences";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { routeList } from "../helpers/route-list";
import { rightsMatrix, STANDINGS, type Expected, type RightsRow, type Viewers, type Who } from "../helpers/rights-matrix";
import { db } from "~/db.server";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import { replaceCalendarToken } from "~/forum-sessions/calendar.server";
import { saveSummary } from "~/forum-sessions/summaries.server";
import { toOsloInput } from "~/lib/dates";
import { RIGHTS } from "~/members/rights";
import { addCoAuthor } from "~/experiences/experiences.server";
import { recordAdoption } from "~/solutions/adoptions.server";
import { commentOnTopic, setSupport, triageTopic } from "~/topics/topics.server";
import * as notFoundPage from "~/routes/$";
import * as commentPage from "~/routes/comments.$id";
import * as home from "~/routes/_index";
import * as adminMembers from "~/routes/admin.members";
import * as adminAudit from "~/routes/admin.audit";
import * as adminAuditCsv from "~/routes/admin.audit[.csv]";
import * as memberCalendar from "~/routes/calendar.$token[.ics]";
import * as experienceCoAuthors from "~/routes/experiences.$id.co-authors";
import * as experienceEdit from "~/routes/experiences.$id.edit";
import * as experienceHistory from "~/routes/experiences.$id.history";
import * as experiencePage from "~/routes/experiences.$id._index";
import * as experienceList from "~/routes/experiences._index";
import * as newExperience from "~/routes/experiences.new";
import * as feed from "~/routes/feeds.$feed";
import * as themeFeed from "~/routes/feeds.themes.$theme.$feed";
import * as themeList from "~/routes/themes._index";
import * as themePage from "~/routes/themes.$slug._index";
import * as themeAtom from "~/routes/themes.$slug.feed[.atom]";
import * as themeRss from "~/routes/themes.$slug.feed[.rss]";
import * as follow from "~/routes/follows";
import * as forgotPassword from "~/routes/forgot-password";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import * as agendaItemPage from "~/routes/forum-sessions.$id.agenda.$itemId";
import * as cancelPage from "~/routes/forum-sessions.$id.cancel";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
import * as sessionCalendar from "~/routes/forum-sessions.$id.calendar[.ics]";
import * as editPage from "~/routes/forum-sessions.$id.edit";
import * as registrationsPage from "~/routes/forum-sessions.$id.registrations";
import * as registrationsCsv from "~/routes/forum-sessions.$id.registrations[.csv]";
import * as summaryPage from "~/routes/forum-sessions.$id.summary";
import * as sessionList from "~/routes/forum-sessions._index";
import * as publicCalendar from "~/routes/forum-sessions.calendar[.ics]";
import * as newSessionPage from "~/routes/forum-sessions.new";
import * as healthz from "~/routes/healthz";
import * as language from "~/routes/language";
import * as mePage from "~/routes/me._index";
import * as meProfile from "~/routes/me.profile";
import * as meCalendar from "~/routes/me.calendar";
import * as mePassword from "~/routes/me.password";
import * as meData from "~/routes/me.data[.json]";
import * as meDelete from "~/routes/me.delete";
import * as memberPage from "~/routes/members.$memberId";
import * as municipalityPage from "~/routes/municipalities.$number";
import * as municipalityList from "~/routes/municipalities._index";
import * as notificationsPage from "~/routes/notifications";
import * as resetPassword from "~/routes/reset-password.$token";
import * as signIn from "~/routes/sign-in";
import * as signOut from "~/routes/sign-out";
import * as signUp from "~/routes/sign-up";
import * as topicPage from "~/routes/topics.$id._index";
import * as topicEdit from "~/routes/topics.$id.edit";
import * as topicTriage from "~/routes/topics.$id.triage";
import * as topicList from "~/routes/topics._index";
import * as newTopic from "~/routes/topics.new";
import * as organisationPage from "~/routes/organisations.$slug._index";
import * as organisationEdit from "~/routes/organisations.$slug.edit";
import * as organisationList from "~/routes/organisations._index";
import * as newOrganisation from "~/routes/organisations.new";
import * as solutionPage from "~/routes/solutions.$slug._index";
import * as solutionEdit from "~/routes/solutions.$slug.edit";
import * as solutionEvidence from "~/routes/solutions.$slug.evidence";
import * as jointProcurement from "~/routes/solutions.$slug.joint-procurement";
import * as jointProcurementCsv from "~/routes/solutions.$slug.joint-procurement[.csv]";
import * as catalogueJointProcurement from "~/routes/solutions.joint-procurement";
import * as solutionStatus from "~/routes/solutions.$slug.status";
import * as solutionJson from "~/routes/solutions.$slug[.json]";
import * as solutionList from "~/routes/solutions._index";
import * as solutionById from "~/routes/solutions.by-id.$id";
import * as newSolution from "~/routes/solutions.new";
import * as solutionProposals from "~/routes/solutions.proposals";
import * as catalogueJson from "~/routes/solutions[.json]";
import * as searchPage from "~/routes/search";

// The columns of DESIGN.md's "Roles and rights", written down here rather than read from the code
// under test; the first test checks that rights.ts's table says the same.
const APPROVED = ["member", "coordinator", "admin"];
const COORDINATORS = ["coordinator", "admin"];
const ADMINS = ["admin"];

/** The same answer for every standing: public pages, files and forms. */
const everyone = (answer: Expected): Record<Who, Expected> =>
  ({ anonymous: answer, pending: answer, member: answer, owner: answer, coordinator: answer, admin: answer });
/** A page for whoever is signed in, approved or not: one's own /me pages and notifications. */
const signedInPage: Record<Who, Expected> = { anonymous: "sign-in", pending: "ok", member: "ok", owner: "ok", coordinator: "ok", admin: "ok" };
/** A coordinator's page: anonymous readers are asked to sign in, other signed-in members are refused. */
const coordinatorPage: Record<Who, Expected> = { anonymous: "sign-in", pending: 403, member: 403, owner: 403, coordinator: "ok", admin: "ok" };
/** A coordinator's write: refused to everyone else, anonymous included (a POST is not asked to sign in). */
const coordinatorWrite = (answer: Expected): Record<Who, Expected> =>
  ({ anonymous: 403, pending: 403, member: 403, owner: 403, coordinator: answer, admin: answer });
/** An approved member's write (registering, their own profile and calendar). */
const memberWrite = (answer: Expected): Record<Who, Expected> =>
  ({ anonymous: 403, pending: 403, member: answer, owner: answer, coordinator: answer, admin: answer });
/** A write to one's own account, open to pending members too. */
const signedInWrite: Record<Who, Expected> = { anonymous: 403, pending: "ok", member: "ok", owner: "ok", coordinator: "ok", admin: "ok" };
/** What a signed-in visitor of the sign-in and sign-up pages gets: sent on to their own page. */
const signedInSentHome: Record<Who, Expected> = { anonymous: "ok", pending: /^\/me$/, member: /^\/me$/, owner: /^\/me$/, coordinator: /^\/me$/, admin: /^\/me$/ };

type ById = Record<Who, number>;
interface Fixtures {
  /** A planned session with an agenda item and registrations; the owner is registered. */
  planned: number;
  plannedItem: number;
  /** A draft with an agenda item. */
  draft: number;
  draftItem: number;
  /** A held session with a published summary. */
  held: number;
  /** A planned session no one is registered for, and one every approved viewer is registered for. */
  open: number;
  everyoneRegistered: number;
  /** Targets of their own for each standing, so that every allowed write has something to change. */
  started: ById;
  editable: ById;
  itemToEdit: ById;
  itemToRemove: ById;
  heldWithoutSummary: ById;
  toCancel: ById;
  toRestore: ById;
  applicantToApprove: ById;
  applicantToReject: ById;
  promotable: ById;
  /** The owner's unread notification, and the owner's and the pending member's calendar tokens. */
  ownersNotification: number;
  ownersCalendarToken: string;
  pendingsCalendarToken: string;
  /** A member whose password no other cell changes, to sign in with. */
  signInMember: TestMember;
  ownerId: number;
  pendingId: number;
  viewerIds: Record<Who, number>;
  /** A proposed topic of the owner's, with a comment of the owner's; one merged into it. */
  ownersTopic: number;
  ownersComment: number;
  mergedTopic: number;
  /** Targets of their own: a topic to support, one the viewer supports, the owner's topics to edit, topics to shortlist, comments to edit and to hide. */
  toSupport: ById;
  supported: ById;
  ownersTopicToEdit: ById;
  toShortlist: ById;
  toMerge: ById;
  ownersCommentToEdit: ById;
  commentToHide: ById;
  themeId: number;
  /** The owner's write-ups: published and public, members-only, a draft; per standing, one to edit and one each to add and remove a co-author on. */
  ownersExperience: number;
  ownersMembersOnlyExperience: number;
  ownersDraftExperience: number;
  ownersExperienceToEdit: ById;
  coAuthorToAdd: ById;
  coAuthorToRemove: ById;
  invitee: TestMember;
  /** The catalogue: an accepted entry and the owner's proposal; per standing, entries to adopt, edit, review and re-status, and organisations to edit. */
  acceptedSolution: { id: number; slug: string };
  ownersProposal: { id: number; slug: string };
  solutionToAdopt: Record<Who, string>;
  ownersProposalToEdit: Record<Who, string>;
  proposalToReview: ById;
  /** Proposals to accept and to reject on their own status page. */
  proposalToAcceptOnItsPage: Record<Who, string>;
  proposalToRejectOnItsPage: Record<Who, string>;
  solutionToRestatus: Record<Who, string>;
  organisation: string;
  organisationToEdit: Record<Who, string>;
  /** Per standing: an entry to record Bodø's adoption of, and one whose Bodø adoption is there to confirm. */
  solutionToRecordFor: Record<Who, string>;
  adoptionToConfirm: Record<Who, string>;
}

const session = (id: number, tail = "") => ({ path: `/forum-sessions/${id}${tail}`, params: { id: String(id) } });
const item = (sessionId: number, itemId: number) => ({
  path: `/forum-sessions/${sessionId}/agenda/${itemId}`,
  params: { id: String(sessionId), itemId: String(itemId) },
});
const plain = (p: string) => () => ({ path: p });
const topic = (id: number, tail = "") => ({ path: `/topics/${id}${tail}`, params: { id: String(id) } });
const experience = (id: number, tail = "") => ({ path: `/experiences/${id}${tail}`, params: { id: String(id) } });
const solution = (slug: string, tail = "") => ({ path: `/solutions/${slug}${tail}`, params: { slug } });
const organisation = (slug: string, tail = "") => ({ path: `/organisations/${slug}${tail}`, params: { slug } });
const comment = (id: number) => ({ path: `/comments/${id}`, params: { id: String(id) } });
const versionOf = async (table: typeof forumSessions | typeof agendaItems | typeof members | typeof topics, id: number) =>
  String((await db().select({ version: table.version }).from(table).where(eq(table.id, id)))[0]!.version);

const agendaItemForm = { startTime: "10:30", durationMinutes: "20", title: "Erfaringer fra Bodø", description: "" };

const ROWS: RightsRow<Fixtures>[] = [
  // Public pages and files.
  { what: "the home page", route: home, handler: "loader", at: plain("/"), expect: everyone("ok") },
  { what: "an unknown address", route: notFoundPage, handler: "loader", at: () => ({ path: "/nowhere", params: { "*": "nowhere" } }), expect: everyone(404) },
  // The same answer whoever asks; it is 503 here because these tests open the database without the
  // server's start-up, which is what marks it ready.
  { what: "the health check", route: healthz, handler: "loader", at: plain("/healthz"), expect: everyone(503) },
  { what: "the search", route: searchPage, handler: "loader", at: plain("/search?q=anskaffelser"), expect: everyone("ok") },
  { what: "the municipality list", route: municipalityList, handler: "loader", at: plain("/municipalities"), expect: everyone("ok") },
  { what: "a municipality page", route: municipalityPage, handler: "loader", at: () => ({ path: "/municipalities/1833", params: { number: "1833" } }), expect: everyone("ok") },
  { what: "the list of forum sessions", route: sessionList, handler: "loader", at: plain("/forum-sessions"), expect: everyone("ok") },
  { what: "the public calendar feed", route: publicCalendar, handler: "loader", at: plain("/forum-sessions/calendar.ics"), expect: everyone("ok") },
  { what: "subscribing to the public calendar", route: publicCalendar, handler: "loader", at: plain("/forum-sessions/calendar.ics?subscribe"), expect: everyone(/^webcal:/) },
  { what: "the language page", route: language, handler: "loader", at: plain("/language"), expect: everyone(/^\/$/) },
  {
    what: "choosing English",
    route: language,
    handler: "action",
    at: plain("/language"),
    form: () => ({ language: "en", redirectTo: "/forum-sessions" }),
    expect: everyone(/^\/forum-sessions$/),
    writesNothingFor: STANDINGS,
  },

  // Signing in, up and out, and resetting a password: open to all.
  { what: "the sign-in page", route: signIn, handler: "loader", at: plain("/sign-in"), expect: signedInSentHome },
  {
    what: "signing in",
    route: signIn,
    handler: "action",
    at: plain("/sign-in"),
    form: (f) => ({ email: f.signInMember.email, password: PASSWORD }),
    expect: everyone(/^\/me$/),
  },
  { what: "the sign-up page", route: signUp, handler: "loader", at: plain("/sign-up"), expect: signedInSentHome },
  {
    what: "signing up",
    route: signUp,
    handler: "action",
    at: plain("/sign-up"),
    form: (_, who) => ({ name: `Ny ${who}`, email: `ny-${who}@example.no`, password: "et-langt-passord", municipality: "1833", jobTitle: "Rådgiver" }),
    // Taken or free, the address answers the same (no one learns who has an account): on to sign in.
    expect: everyone(/^\/sign-in\?signedUp=1$/),
  },
  { what: "the sign-out address", route: signOut, handler: "loader", at: plain("/sign-out"), expect: everyone(/^\/$/) },
  { what: "signing out", route: signOut, handler: "action", at: plain("/sign-out"), expect: everyone(/^\/$/), writesNothingFor: ["anonymous"] },
  {
    what: "asking for a password reset",
    route: forgotPassword,
    handler: "action",
    at: plain("/forgot-password"),
    // An address of each standing's own: one address may ask only a few times an hour.
    form: (f, who) => ({ email: who === "anonymous" ? f.signInMember.email : `reset-${who}@example.no` }),
    expect: everyone("ok"),
  },
  { what: "an unknown reset link", route: resetPassword, handler: "loader", at: () => ({ path: "/reset-password/nope", params: { token: "nope" } }), expect: everyone(410) },
  {
    what: "resetting with an unknown link",
    route: resetPassword,
    handler: "action",
    at: () => ({ path: "/reset-password/nope", params: { token: "nope" } }),
    form: () => ({ newPassword: "et-helt-nytt-passord" }),
    expect: everyone(410),
  },

  // Calendars. A member's feed is opened by its secret address, by calendar apps without a cookie.
  { what: "a member's calendar feed", route: memberCalendar, handler: "loader", at: (f) => ({ path: `/calendar/${f.ownersCalendarToken}.ics`, params: { token: f.ownersCalendarToken } }), expect: everyone("ok") },
  {
    what: "a pending member's calendar feed",
    route: memberCalendar,
    handler: "loader",
    at: (f) => ({ path: `/calendar/${f.pendingsCalendarToken}.ics`, params: { token: f.pendingsCalendarToken } }),
    expect: everyone(404),
  },
  { what: "a planned session's calendar file", route: sessionCalendar, handler: "loader", at: (f) => session(f.planned, "/calendar.ics"), expect: everyone("ok") },
  // Drafts are in no calendar, not even a coordinator's.
  { what: "a draft's calendar file", route: sessionCalendar, handler: "loader", at: (f) => session(f.draft, "/calendar.ics"), expect: everyone(404) },

  // A forum session's page, and what members and coordinators do there.
  { what: "a planned session's page", route: sessionPage, handler: "loader", at: (f) => session(f.planned), expect: everyone("ok") },
  { what: "a held session's page", route: sessionPage, handler: "loader", at: (f) => session(f.held), expect: everyone("ok") },
  {
    what: "a draft's page",
    route: sessionPage,
    handler: "loader",
    at: (f) => session(f.draft),
    expect: { anonymous: 404, pending: 404, member: 404, owner: 404, coordinator: "ok", admin: "ok" },
  },
  {
    what: "registering for a planned session",
    route: sessionPage,
    handler: "action",
    at: (f) => session(f.open),
    form: () => ({ intent: "register" }),
    expect: memberWrite(/^\/forum-sessions\/\d+$/),
  },
  {
    what: "cancelling one's registration",
    route: sessionPage,
    handler: "action",
    at: (f) => session(f.everyoneRegistered),
    form: () => ({ intent: "unregister" }),
    expect: memberWrite(/^\/forum-sessions\/\d+$/),
  },
  {
    what: "registering for a draft",
    route: sessionPage,
    handler: "action",
    at: (f) => session(f.draft),
    form: () => ({ intent: "register" }),
    // Members do not learn that the draft exists; coordinators see it, but drafts take no registrations.
    expect: { anonymous: 403, pending: 403, member: 404, owner: 404, coordinator: 409, admin: 409 },
  },
  {
    what: "marking a started session as held",
    audit: "forum_session.status",
    route: sessionPage,
    handler: "action",
    at: (f, who) => session(f.started[who]),
    form: () => ({ intent: "status", status: "held" }),
    expect: coordinatorWrite("ok"),
  },
  {
    what: "copying a held session",
    audit: "forum_session.copy",
    route: sessionPage,
    handler: "action",
    at: (f) => session(f.held),
    form: () => ({ intent: "copy", startsAt: "2031-01-09T10:00" }),
    expect: coordinatorWrite(/^\/forum-sessions\/\d+\/edit$/),
  },

  // The coordinators' editors, on a planned session and on a draft (403 comes before 404).
  { what: "the new-session page", route: newSessionPage, handler: "loader", at: plain("/forum-sessions/new"), expect: coordinatorPage },
  {
    what: "creating a session",
    audit: "forum_session.create",
    route: newSessionPage,
    handler: "action",
    at: plain("/forum-sessions/new"),
    form: () => ({ title: "Forummøte om KI", description: "", startsAt: "2030-09-03T09:00", endsAt: "2030-09-03T11:00", meetingUrl: "" }),
    expect: coordinatorWrite(/^\/forum-sessions\/\d+\/agenda$/),
  },
  { what: "a planned session's edit page", route: editPage, handler: "loader", at: (f) => session(f.planned, "/edit"), expect: coordinatorPage },
  { what: "a draft's edit page", route: editPage, handler: "loader", at: (f) => session(f.draft, "/edit"), expect: coordinatorPage },
  {
    what: "editing a session",
    audit: "forum_session.update",
    route: editPage,
    handler: "action",
    at: (f, who) => session(f.editable[who], "/edit"),
    form: async (f, who) => ({
      title: `Endret av ${who}`,
      description: "",
      startsAt: "2030-04-01T10:00",
      endsAt: "2030-04-01T12:00",
      meetingUrl: "https://meet.example.no/forum",
      version: await versionOf(forumSessions, f.editable[who]),
    }),
    expect: coordinatorWrite(/^\/forum-sessions\/\d+$/),
  },
  { what: "a planned session's agenda", route: agendaPage, handler: "loader", at: (f) => session(f.planned, "/agenda"), expect: coordinatorPage },
  { what: "a draft's agenda", route: agendaPage, handler: "loader", at: (f) => session(f.draft, "/agenda"), expect: coordinatorPage },
  {
    what: "adding an agenda item",
    audit: "agenda_item.create",
    route: agendaPage,
    handler: "action",
    at: (f) => session(f.planned, "/agenda"),
    form: () => ({ intent: "add", ...agendaItemForm }),
    expect: coordinatorWrite("ok"),
  },
  {
    what: "moving an agenda item",
    audit: "agenda_item.move_down",
    route: agendaPage,
    handler: "action",
    at: (f) => session(f.planned, "/agenda"),
    form: (f) => ({ intent: "move", itemId: String(f.plannedItem), direction: "down" }),
    expect: coordinatorWrite("ok"),
  },
  {
    what: "removing an agenda item",
    audit: "agenda_item.delete",
    route: agendaPage,
    handler: "action",
    at: (f) => session(f.planned, "/agenda"),
    form: (f, who) => ({ intent: "remove", itemId: String(f.itemToRemove[who]) }),
    expect: coordinatorWrite("ok"),
  },
  { what: "an agenda item's edit page", route: agendaItemPage, handler: "loader", at: (f) => item(f.planned, f.plannedItem), expect: coordinatorPage },
  { what: "a draft's agenda item's edit page", route: agendaItemPage, handler: "loader", at: (f) => item(f.draft, f.draftItem), expect: coordinatorPage },
  {
    what: "editing an agenda item",
    audit: "agenda_item.update",
    route: agendaItemPage,
    handler: "action",
    at: (f, who) => item(f.planned, f.itemToEdit[who]),
    form: async (f, who) => ({ ...agendaItemForm, title: `Endret av ${who}`, version: await versionOf(agendaItems, f.itemToEdit[who]) }),
    expect: coordinatorWrite(/^\/forum-sessions\/\d+\/agenda$/),
  },
  { what: "a held session's summary editor", route: summaryPage, handler: "loader", at: (f) => session(f.held, "/summary"), expect: coordinatorPage },
  { what: "a draft's summary editor", route: summaryPage, handler: "loader", at: (f) => session(f.draft, "/summary"), expect: coordinatorPage },
  {
    what: "publishing a summary",
    audit: "summary.publish",
    route: summaryPage,
    handler: "action",
    at: (f, who) => session(f.heldWithoutSummary[who], "/summary"),
    form: () => ({ bodyMd: "Vi ble enige om **tre** ting.", version: "0", intent: "publish", confirmed: "yes" }),
    expect: coordinatorWrite("ok"),
  },
  { what: "the page that cancels a session", route: cancelPage, handler: "loader", at: (f) => session(f.planned, "/cancel"), expect: coordinatorPage },
  {
    what: "cancelling a session",
    audit: "forum_session.cancel",
    route: cancelPage,
    handler: "action",
    at: (f, who) => session(f.toCancel[who], "/cancel"),
    form: () => ({ reason: "Foredragsholderen er syk." }),
    expect: coordinatorWrite(/^\/forum-sessions\/\d+$/),
  },
  {
    what: "restoring a cancelled session",
    audit: "forum_session.restore",
    route: sessionPage,
    handler: "action",
    at: (f, who) => session(f.toRestore[who]),
    form: () => ({ intent: "restore" }),
    expect: coordinatorWrite("ok"),
  },
  { what: "a session's registrations", route: registrationsPage, handler: "loader", at: (f) => session(f.planned, "/registrations"), expect: coordinatorPage },
  { what: "a session's registrations as CSV", route: registrationsCsv, handler: "loader", at: (f) => session(f.planned, "/registrations.csv"), expect: coordinatorPage },

  // Approving members and changing roles.
  { what: "the members' administration page", route: adminMembers, handler: "loader", at: plain("/admin/members"), expect: coordinatorPage },
  {
    what: "approving a member",
    audit: "member.approve",
    route: adminMembers,
    handler: "action",
    at: plain("/admin/members"),
    form: (f, who) => ({ intent: "approve", memberId: String(f.applicantToApprove[who]) }),
    expect: coordinatorWrite("ok"),
  },
  {
    what: "rejecting a member",
    audit: "member.reject",
    route: adminMembers,
    handler: "action",
    at: plain("/admin/members"),
    form: (f, who) => ({ intent: "reject", memberId: String(f.applicantToReject[who]) }),
    expect: coordinatorWrite("ok"),
  },
  {
    what: "making a member a coordinator",
    audit: "member.role",
    route: adminMembers,
    handler: "action",
    at: plain("/admin/members"),
    form: (f, who) => ({ intent: "role", memberId: String(f.promotable[who]), role: "coordinator" }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: 403, coordinator: 403, admin: "ok" },
  },

  // The audit log: admins only.
  { what: "the audit log", route: adminAudit, handler: "loader", at: plain("/admin/audit?action=member.role"), expect: { ...coordinatorPage, coordinator: 403 } },
  { what: "the audit log as CSV", route: adminAuditCsv, handler: "loader", at: plain("/admin/audit.csv"), expect: { ...coordinatorPage, coordinator: 403 } },

  // Members' pages: the owner's, seen by others and by the owner; and a pending member's own.
  {
    what: "a member's page",
    route: memberPage,
    handler: "loader",
    at: (f) => ({ path: `/members/${f.ownerId}`, params: { memberId: String(f.ownerId) } }),
    expect: { anonymous: "sign-in", pending: 403, member: "ok", owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "a pending member's page",
    route: memberPage,
    handler: "loader",
    at: (f) => ({ path: `/members/${f.pendingId}`, params: { memberId: String(f.pendingId) } }),
    // Only its owner sees it until it is approved.
    expect: { anonymous: "sign-in", pending: "ok", member: 404, owner: 404, coordinator: 404, admin: 404 },
  },

  // One's own pages.
  { what: "one's own profile", route: mePage, handler: "loader", at: plain("/me"), expect: signedInPage },
  {
    what: "saving one's own profile",
    route: meProfile,
    handler: "action",
    at: plain("/me/profile"),
    form: async (f, who) => ({ name: `Endret ${who}`, jobTitle: "Seniorrådgiver", version: who === "anonymous" ? "1" : await versionOf(members, f.viewerIds[who]) }),
    expect: memberWrite("ok"),
  },
  { what: "one's own profile page", route: meProfile, handler: "loader", at: plain("/me/profile"), expect: signedInPage },
  {
    what: "choosing the language of one's own mail",
    route: meProfile,
    handler: "action",
    at: plain("/me/profile"),
    form: () => ({ intent: "language", language: "en" }),
    expect: signedInWrite,
  },
  { what: "one's own calendar page", route: meCalendar, handler: "loader", at: plain("/me/calendar"), expect: signedInPage },
  { what: "making one's own calendar address", route: meCalendar, handler: "action", at: plain("/me/calendar"), expect: memberWrite("ok") },
  { what: "the password page", route: mePassword, handler: "loader", at: plain("/me/password"), expect: signedInPage },
  {
    what: "changing one's own password",
    route: mePassword,
    handler: "action",
    at: plain("/me/password"),
    form: () => ({ currentPassword: PASSWORD, newPassword: "et-nytt-testpassord" }),
    expect: signedInWrite,
  },
  { what: "downloading one's own data", route: meData, handler: "loader", at: plain("/me/data.json"), expect: signedInPage },
  { what: "the page to delete one's account", route: meDelete, handler: "loader", at: plain("/me/delete"), expect: signedInPage },
  {
    // Without a choice of what happens with contributions: the form is refused before anything is written.
    what: "deleting one's own account without choosing",
    route: meDelete,
    handler: "action",
    at: plain("/me/delete"),
    form: () => ({ password: PASSWORD }),
    expect: { anonymous: 403, pending: 400, member: 400, owner: 400, coordinator: 400, admin: 400 },
  },
  { what: "one's notifications", route: notificationsPage, handler: "loader", at: plain("/notifications"), expect: signedInPage },
  {
    what: "opening the owner's notification",
    route: notificationsPage,
    handler: "action",
    at: plain("/notifications"),
    form: (f) => ({ intent: "open", id: String(f.ownersNotification) }),
    expect: { anonymous: 403, pending: 404, member: 404, owner: /^\/forum-sessions\/\d+$/, coordinator: 404, admin: 404 },
  },
  { what: "marking all one's notifications read", route: notificationsPage, handler: "action", at: plain("/notifications"), form: () => ({ intent: "read-all" }), expect: signedInWrite },
  { what: "turning off one's notification mail", route: notificationsPage, handler: "action", at: plain("/notifications"), form: () => ({ intent: "email" }), expect: signedInWrite },

  // Topics: the public list and pages; proposing, supporting and commenting for approved members; the
  // proposer's edits; a coordinator's triage; a comment's own page for its author and coordinators.
  { what: "the list of topics", route: topicList, handler: "loader", at: plain("/topics?sort=newest"), expect: everyone("ok") },
  { what: "a topic's page", route: topicPage, handler: "loader", at: (f) => topic(f.ownersTopic), expect: everyone("ok") },
  { what: "a merged topic's address", route: topicPage, handler: "loader", at: (f) => topic(f.mergedTopic), expect: everyone(/^\/topics\/\d+$/) },
  {
    what: "the page that proposes a topic",
    route: newTopic,
    handler: "loader",
    at: plain("/topics/new"),
    expect: { anonymous: "sign-in", pending: 403, member: "ok", owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "proposing a topic",
    route: newTopic,
    handler: "action",
    at: plain("/topics/new"),
    form: (f, who) => ({ title: `Forslag fra ${who}`, description: "Hva har dere lært?", theme: String(f.themeId), experienced: "1804" }),
    expect: memberWrite(/^\/topics\/\d+$/),
  },
  {
    what: "supporting a topic",
    route: topicPage,
    handler: "action",
    at: (f, who) => topic(f.toSupport[who]),
    form: () => ({ intent: "support" }),
    expect: memberWrite(/^\/topics\/\d+$/),
  },
  {
    what: "withdrawing one's support",
    route: topicPage,
    handler: "action",
    at: (f, who) => topic(f.supported[who]),
    form: () => ({ intent: "withdraw" }),
    expect: memberWrite(/^\/topics\/\d+$/),
  },
  {
    what: "commenting on a topic",
    route: topicPage,
    handler: "action",
    at: (f) => topic(f.ownersTopic),
    form: () => ({ intent: "comment", body: "Vi har **gode** erfaringer." }),
    expect: memberWrite(/^\/topics\/\d+(\?comments=\d+)?#comment-\d+$/),
  },
  {
    what: "the owner's proposed topic's edit page",
    route: topicEdit,
    handler: "loader",
    at: (f) => topic(f.ownersTopic, "/edit"),
    expect: { anonymous: "sign-in", pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "editing the owner's proposed topic",
    audit: "topic.update",
    route: topicEdit,
    handler: "action",
    at: (f, who) => topic(f.ownersTopicToEdit[who], "/edit"),
    form: async (f, who) => ({
      title: `Endret av ${who}`,
      description: "Ny beskrivelse.",
      theme: String(f.themeId),
      version: await versionOf(topics, f.ownersTopicToEdit[who]),
    }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/topics\/\d+$/, coordinator: /^\/topics\/\d+$/, admin: /^\/topics\/\d+$/ },
  },
  { what: "a topic's triage page", route: topicTriage, handler: "loader", at: (f) => topic(f.ownersTopic, "/triage"), expect: coordinatorPage },
  {
    what: "shortlisting a topic",
    audit: "topic.shortlist",
    route: topicTriage,
    handler: "action",
    at: (f, who) => topic(f.toShortlist[who], "/triage"),
    form: async (f, who) => ({ intent: "shortlist", version: await versionOf(topics, f.toShortlist[who]) }),
    expect: coordinatorWrite(/^\/topics\/\d+$/),
  },
  {
    what: "the owner's comment's own page",
    route: commentPage,
    handler: "loader",
    at: (f) => comment(f.ownersComment),
    expect: { anonymous: "sign-in", pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "editing the owner's comment",
    route: commentPage,
    handler: "action",
    at: (f, who) => comment(f.ownersCommentToEdit[who]),
    form: () => ({ intent: "edit", body: "Rettet skrivefeil.", version: "1" }),
    // Only its author edits a comment; coordinators hide it instead.
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/topics\/\d+(\?comments=\d+)?#comment-\d+$/, coordinator: 403, admin: 403 },
  },
  // Write-ups: public ones for all, members-only ones for approved members, drafts for their authors and
  // coordinators; writing, commenting for approved members; editing for authors, co-authors and coordinators.
  { what: "the list of write-ups", route: experienceList, handler: "loader", at: plain("/experiences?sort=updated"), expect: everyone("ok") },
  { what: "a public write-up", route: experiencePage, handler: "loader", at: (f) => experience(f.ownersExperience), expect: everyone("ok") },
  {
    what: "a members-only write-up",
    route: experiencePage,
    handler: "loader",
    at: (f) => experience(f.ownersMembersOnlyExperience),
    expect: { anonymous: 404, pending: 404, member: "ok", owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "a draft write-up",
    route: experiencePage,
    handler: "loader",
    at: (f) => experience(f.ownersDraftExperience),
    expect: { anonymous: 404, pending: 404, member: 404, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  { what: "a public write-up's history", route: experienceHistory, handler: "loader", at: (f) => experience(f.ownersExperience, "/history"), expect: everyone("ok") },
  {
    what: "a draft write-up's history",
    route: experienceHistory,
    handler: "loader",
    at: (f) => experience(f.ownersDraftExperience, "/history"),
    expect: { anonymous: 404, pending: 404, member: 404, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "the page that writes a write-up",
    route: newExperience,
    handler: "loader",
    at: plain("/experiences/new"),
    expect: { anonymous: "sign-in", pending: 403, member: "ok", owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "publishing a write-up",
    route: newExperience,
    handler: "action",
    at: plain("/experiences/new"),
    form: (f, who) => ({
      intent: "publish",
      title: `Erfaringer med velferdsteknologi (${who})`,
      summary: "Hva vi gjorde og lærte.",
      body: "Vi startet **smått**.",
      theme: String(f.themeId),
      visibility: "public",
    }),
    expect: memberWrite(/^\/experiences\/\d+$/),
  },
  {
    what: "commenting on a write-up",
    route: experiencePage,
    handler: "action",
    at: (f) => experience(f.ownersExperience),
    form: () => ({ intent: "comment", body: "Takk for **deling**." }),
    expect: memberWrite(/^\/experiences\/\d+(\?comments=\d+)?#comment-\d+$/),
  },
  {
    what: "the owner's write-up's edit page",
    route: experienceEdit,
    handler: "loader",
    at: (f) => experience(f.ownersExperience, "/edit"),
    expect: { anonymous: "sign-in", pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "editing the owner's write-up",
    audit: "experience.update",
    route: experienceEdit,
    handler: "action",
    at: (f, who) => experience(f.ownersExperienceToEdit[who], "/edit"),
    form: async (f, who) => ({
      intent: "save",
      title: "Erfaringer med velferdsteknologi, revidert",
      summary: "Hva vi gjorde og lærte.",
      body: "Vi startet **smått** og vokste.",
      theme: String(f.themeId),
      visibility: "public",
      revision: String((await db().select({ revision: experiences.revision }).from(experiences).where(eq(experiences.id, f.ownersExperienceToEdit[who])))[0]!.revision),
    }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/experiences\/\d+$/, coordinator: /^\/experiences\/\d+$/, admin: /^\/experiences\/\d+$/ },
  },
  {
    what: "the owner's write-up's co-authors page",
    route: experienceCoAuthors,
    handler: "loader",
    at: (f) => experience(f.ownersExperience, "/co-authors"),
    expect: { anonymous: "sign-in", pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "adding a co-author",
    audit: "experience.coAuthor.add",
    route: experienceCoAuthors,
    handler: "action",
    at: (f, who) => experience(f.coAuthorToAdd[who], "/co-authors"),
    form: (f) => ({ intent: "add", email: f.invitee.email }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/experiences\/\d+\/co-authors$/, coordinator: /^\/experiences\/\d+\/co-authors$/, admin: /^\/experiences\/\d+\/co-authors$/ },
  },
  {
    what: "removing a co-author",
    audit: "experience.coAuthor.remove",
    route: experienceCoAuthors,
    handler: "action",
    at: (f, who) => experience(f.coAuthorToRemove[who], "/co-authors"),
    form: (f) => ({ intent: "remove", memberId: String(f.invitee.id) }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/experiences\/\d+\/co-authors$/, coordinator: /^\/experiences\/\d+\/co-authors$/, admin: /^\/experiences\/\d+\/co-authors$/ },
  },

  // Feeds: the same for everyone (public write-ups and published summaries only).
  { what: "the write-ups' Atom feed", route: feed, handler: "loader", at: () => ({ path: "/feeds/experiences.atom", params: { feed: "experiences.atom" } }), expect: everyone("ok") },
  { what: "the summaries' RSS feed", route: feed, handler: "loader", at: () => ({ path: "/feeds/summaries.rss", params: { feed: "summaries.rss" } }), expect: everyone("ok") },
  {
    what: "a theme's write-ups feed",
    route: themeFeed,
    handler: "loader",
    at: () => ({ path: "/feeds/themes/procurement/experiences.rss", params: { theme: "procurement", feed: "experiences.rss" } }),
    expect: everyone("ok"),
  },
  // Theme pages and a theme's feed of everything on it: the same address for everyone (what is in it follows the viewer).
  { what: "the themes", route: themeList, handler: "loader", at: plain("/themes"), expect: everyone("ok") },
  { what: "a theme's page", route: themePage, handler: "loader", at: () => ({ path: "/themes/prevention", params: { slug: "prevention" } }), expect: everyone("ok") },
  { what: "an unknown theme", route: themePage, handler: "loader", at: () => ({ path: "/themes/no-such-theme", params: { slug: "no-such-theme" } }), expect: everyone(404) },
  { what: "a theme's Atom feed", route: themeAtom, handler: "loader", at: () => ({ path: "/themes/prevention/feed.atom", params: { slug: "prevention" } }), expect: everyone("ok") },
  { what: "a theme's RSS feed", route: themeRss, handler: "loader", at: () => ({ path: "/themes/prevention/feed.rss", params: { slug: "prevention" } }), expect: everyone("ok") },
  // Following a theme or a municipality: approved members.
  { what: "the follow address", route: follow, handler: "loader", at: plain("/follows"), expect: everyone(/^\/$/) },
  {
    what: "following a theme",
    route: follow,
    handler: "action",
    at: plain("/follows"),
    form: () => ({ intent: "follow", theme: "procurement", redirectTo: "/experiences?theme=procurement" }),
    expect: memberWrite(/^\/experiences\?theme=procurement$/),
  },
  {
    what: "hiding a comment",
    audit: "comment.hide",
    route: commentPage,
    handler: "action",
    at: (f, who) => comment(f.commentToHide[who]),
    form: () => ({ intent: "hide", reason: "Personopplysninger." }),
    expect: coordinatorWrite(/^\/topics\/\d+(\?comments=\d+)?#comment-\d+$/),
  },
  // The solution catalogue: accepted entries for all, a proposal for its proposer and coordinators;
  // proposing and recording one's own municipality's adoption for approved members; curating for coordinators.
  { what: "the catalogue", route: solutionList, handler: "loader", at: plain("/solutions?sort=name"), expect: everyone("ok") },
  { what: "the catalogue as open data", route: catalogueJson, handler: "loader", at: plain("/solutions.json"), expect: everyone("ok") },
  { what: "a solution as open data", route: solutionJson, handler: "loader", at: (f) => ({ path: `/solutions/${f.acceptedSolution.slug}.json`, params: { slug: f.acceptedSolution.slug } }), expect: everyone("ok") },
  { what: "a proposal as open data", route: solutionJson, handler: "loader", at: (f) => ({ path: `/solutions/${f.ownersProposal.slug}.json`, params: { slug: f.ownersProposal.slug } }), expect: everyone(404) },
  { what: "an accepted solution's page", route: solutionPage, handler: "loader", at: (f) => solution(f.acceptedSolution.slug), expect: everyone("ok") },
  {
    what: "a proposal's page",
    route: solutionPage,
    handler: "loader",
    at: (f) => solution(f.ownersProposal.slug),
    expect: { anonymous: 404, pending: 404, member: 404, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  { what: "an accepted solution's evidence page", route: solutionEvidence, handler: "loader", at: (f) => solution(f.acceptedSolution.slug, "/evidence"), expect: everyone("ok") },
  // Evidence is of what the catalogue accepted: a proposal has none, whoever asks.
  { what: "a proposal's evidence page", route: solutionEvidence, handler: "loader", at: (f) => solution(f.ownersProposal.slug, "/evidence"), expect: everyone(404) },
  { what: "a solution's joint procurement", route: jointProcurement, handler: "loader", at: (f) => solution(f.acceptedSolution.slug, "/joint-procurement"), expect: everyone("ok") },
  { what: "a solution's joint procurement as CSV", route: jointProcurementCsv, handler: "loader", at: (f) => solution(f.acceptedSolution.slug, "/joint-procurement.csv"), expect: everyone("ok") },
  { what: "the catalogue's joint procurement", route: catalogueJointProcurement, handler: "loader", at: plain("/solutions/joint-procurement"), expect: everyone("ok") },
  {
    what: "a solution's page by its id",
    route: solutionById,
    handler: "loader",
    at: (f) => ({ path: `/solutions/by-id/${f.acceptedSolution.id}`, params: { id: String(f.acceptedSolution.id) } }),
    expect: everyone(/^\/solutions\/[a-z0-9-]+$/),
  },
  {
    what: "recording one's own municipality's adoption",
    route: solutionPage,
    handler: "action",
    at: (f, who) => solution(f.solutionToAdopt[who]),
    form: () => ({ intent: "adopt", state: "interested", since: "2026-01-15", note: "", openToJointProcurement: "yes", basedOnVersion: "none" }),
    expect: memberWrite(/^\/solutions\/[a-z0-9-]+#adoption$/),
  },
  {
    what: "commenting on a solution",
    route: solutionPage,
    handler: "action",
    at: (f) => solution(f.acceptedSolution.slug),
    form: () => ({ intent: "comment", body: "Vi vurderer denne." }),
    expect: memberWrite(/^\/solutions\/by-id\/\d+(\?comments=\d+)?#comment-\d+$/),
  },
  {
    what: "the page that proposes a solution",
    route: newSolution,
    handler: "loader",
    at: plain("/solutions/new"),
    expect: { anonymous: "sign-in", pending: 403, member: "ok", owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "proposing a solution",
    route: newSolution,
    handler: "action",
    at: plain("/solutions/new"),
    form: (_, who) => ({ name: `Digital innbyggerdialog (${who})`, summary: "Et verktøy for dialog med innbyggerne.", description: "", ownerType: "municipality", ownerMunicipality: "1833", intent: "save" }),
    expect: memberWrite(/^\/solutions\/[a-z0-9-]+$/),
  },
  {
    what: "the owner's proposal's edit page",
    route: solutionEdit,
    handler: "loader",
    at: (f) => solution(f.ownersProposal.slug, "/edit"),
    expect: { anonymous: "sign-in", pending: 404, member: 404, owner: "ok", coordinator: "ok", admin: "ok" },
  },
  {
    what: "editing the owner's proposal",
    audit: "solution.edit",
    route: solutionEdit,
    handler: "action",
    at: (f, who) => solution(f.ownersProposalToEdit[who], "/edit"),
    form: async (f, who) => {
      const [row] = await db().select().from(solutions).where(eq(solutions.slug, f.ownersProposalToEdit[who]));
      return { name: row!.name, summary: "Endret oppsummering.", description: "", ownerType: "municipality", ownerMunicipality: "1804", version: String(row!.version), intent: "save" };
    },
    expect: { anonymous: 403, pending: 404, member: 404, owner: /^\/solutions\/[a-z0-9-]+$/, coordinator: /^\/solutions\/[a-z0-9-]+$/, admin: /^\/solutions\/[a-z0-9-]+$/ },
  },
  { what: "the proposals waiting for review", route: solutionProposals, handler: "loader", at: plain("/solutions/proposals"), expect: coordinatorPage },
  {
    what: "accepting a proposal",
    audit: "solution.accept",
    route: solutionProposals,
    handler: "action",
    at: plain("/solutions/proposals"),
    form: (f, who) => ({ id: String(f.proposalToReview[who]), intent: "accept", status: "pilot", note: "Prøves i to kommuner.", effectiveOn: "" }),
    expect: coordinatorWrite(/^\/solutions\/proposals\?reviewed=[a-z0-9-]+$/),
  },
  { what: "a solution's status page", route: solutionStatus, handler: "loader", at: (f) => solution(f.acceptedSolution.slug, "/status"), expect: coordinatorPage },
  {
    what: "setting a solution's scaling status",
    audit: "solution.status",
    route: solutionStatus,
    handler: "action",
    at: (f, who) => solution(f.solutionToRestatus[who], "/status"),
    form: () => ({ intent: "status", fromStatus: "pilot", toStatus: "in_use", note: "I drift i Rana.", effectiveOn: "" }),
    expect: coordinatorWrite(/^\/solutions\/[a-z0-9-]+$/),
  },
  {
    what: "recording another municipality's adoption",
    audit: "adoption.record",
    route: solutionPage,
    handler: "action",
    at: (f, who) => solution(f.solutionToRecordFor[who]),
    form: () => ({ intent: "adopt", municipality: "1804", state: "in_use", since: "2025-06-01", note: "", basedOnVersion: "none" }),
    expect: coordinatorWrite(/^\/solutions\/[a-z0-9-]+\?municipality=1804#adoption$/),
  },
  {
    what: "confirming another municipality's adoption",
    audit: "adoption.confirm",
    route: solutionPage,
    handler: "action",
    at: (f, who) => solution(f.adoptionToConfirm[who]),
    form: async (f, who) => {
      const [row] = await db()
        .select({ version: adoptions.version })
        .from(adoptions)
        .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
        .where(and(eq(solutions.slug, f.adoptionToConfirm[who]), eq(adoptions.municipalityNumber, "1804")));
      return { intent: "confirm", municipality: "1804", version: String(row!.version) };
    },
    expect: coordinatorWrite(/^\/solutions\/[a-z0-9-]+\?municipality=1804#adoption$/),
  },
  // Organisations: the register is public; coordinators keep it.
  { what: "the organisations", route: organisationList, handler: "loader", at: plain("/organisations?kind=supplier"), expect: everyone("ok") },
  { what: "an organisation's page", route: organisationPage, handler: "loader", at: (f) => organisation(f.organisation), expect: everyone("ok") },
  { what: "the page that adds an organisation", route: newOrganisation, handler: "loader", at: plain("/organisations/new"), expect: coordinatorPage },
  {
    what: "adding an organisation",
    audit: "organisation.create",
    route: newOrganisation,
    handler: "action",
    at: plain("/organisations/new"),
    form: (_, who) => ({ name: `Leverandør ${who} AS`, kind: "supplier", description: "", website: "https://example.no" }),
    expect: coordinatorWrite(/^\/organisations\/[a-z0-9-]+$/),
  },
  { what: "an organisation's edit page", route: organisationEdit, handler: "loader", at: (f) => organisation(f.organisation, "/edit"), expect: coordinatorPage },
  {
    what: "editing an organisation",
    audit: "organisation.edit",
    route: organisationEdit,
    handler: "action",
    at: (f, who) => organisation(f.organisationToEdit[who], "/edit"),
    form: async (f, who) => {
      const [row] = await db().select().from(organisations).where(eq(organisations.slug, f.organisationToEdit[who]));
      return { name: row!.name, kind: "supplier", description: "Leverer fagsystemer.", website: "", version: String(row!.version) };
    },
    expect: coordinatorWrite(/^\/organisations\/[a-z0-9-]+$/),
  },
  // Every other intent of a multi-intent action (the completeness test below asks for one row each).
  // Those that only redraw the form (a preview, more fields) write nothing for anyone.
  {
    what: "previewing a summary",
    route: summaryPage,
    handler: "action",
    at: (f) => session(f.held, "/summary"),
    form: () => ({ bodyMd: "Et **utkast**.", version: "0", intent: "preview" }),
    expect: coordinatorWrite("ok"),
    writesNothingFor: STANDINGS,
  },
  {
    what: "going back from a summary's preview to its editor",
    route: summaryPage,
    handler: "action",
    at: (f) => session(f.held, "/summary"),
    form: () => ({ bodyMd: "Et **utkast**.", version: "0", intent: "edit" }),
    expect: coordinatorWrite("ok"),
    writesNothingFor: STANDINGS,
  },
  {
    // After "publishing a summary" above: the coordinator's and the admin's own are published.
    what: "unpublishing a summary",
    audit: "summary.unpublish",
    route: summaryPage,
    handler: "action",
    at: (f, who) => session(f.heldWithoutSummary[who], "/summary"),
    form: async (f, who) => {
      const [summary] = await db().select({ version: summaries.version }).from(summaries).where(eq(summaries.forumSessionId, f.heldWithoutSummary[who]));
      return { bodyMd: "Vi ble enige om **tre** ting.", version: String(summary?.version ?? 0), intent: "unpublish" };
    },
    expect: coordinatorWrite("ok"),
  },
  {
    // After "hiding a comment" above.
    what: "showing a hidden comment again",
    audit: "comment.unhide",
    route: commentPage,
    handler: "action",
    at: (f, who) => comment(f.commentToHide[who]),
    form: () => ({ intent: "unhide" }),
    expect: coordinatorWrite(/^\/topics\/\d+(\?comments=\d+)?#comment-\d+$/),
  },
  {
    // After "following a theme" above.
    what: "no longer following a theme",
    route: follow,
    handler: "action",
    at: plain("/follows"),
    form: () => ({ intent: "unfollow", theme: "procurement", redirectTo: "/experiences?theme=procurement" }),
    expect: memberWrite(/^\/experiences\?theme=procurement$/),
  },
  ...(["more", "morePartners", "preview"] as const).flatMap((intent): RightsRow<Fixtures>[] => [
    {
      what: `asking a new write-up's form for ${intent}`,
      route: newExperience,
      handler: "action",
      at: plain("/experiences/new"),
      form: (f) => ({ intent, title: "Et utkast", summary: "Kort.", body: "Vi startet **smått**.", theme: String(f.themeId), visibility: "public" }),
      expect: memberWrite("ok"),
      writesNothingFor: STANDINGS,
    },
    {
      what: `asking the owner's write-up's edit form for ${intent}`,
      route: experienceEdit,
      handler: "action",
      at: (f) => experience(f.ownersExperience, "/edit"),
      form: (f) => ({ intent, title: "Et utkast", summary: "Kort.", body: "Vi startet **smått**.", theme: String(f.themeId), visibility: "public" }),
      expect: { anonymous: 403, pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
      writesNothingFor: STANDINGS,
    },
  ]),
  {
    what: "previewing the owner's proposal",
    route: solutionEdit,
    handler: "action",
    at: (f) => solution(f.ownersProposal.slug, "/edit"),
    form: () => ({ name: "Et navn", summary: "Kort.", description: "Med **fet** skrift.", ownerType: "municipality", ownerMunicipality: "1804", intent: "preview" }),
    expect: { anonymous: 403, pending: 404, member: 404, owner: "ok", coordinator: "ok", admin: "ok" },
    writesNothingFor: STANDINGS,
  },
  {
    what: "asking the organisation form for more municipalities",
    route: newOrganisation,
    handler: "action",
    at: plain("/organisations/new"),
    form: () => ({ name: "Et samarbeid", kind: "regional_cooperation", description: "", website: "", intent: "more" }),
    expect: coordinatorWrite("ok"),
    writesNothingFor: STANDINGS,
  },
  {
    what: "asking an organisation's edit form for more municipalities",
    route: organisationEdit,
    handler: "action",
    at: (f) => organisation(f.organisation, "/edit"),
    form: () => ({ name: "Et samarbeid", kind: "regional_cooperation", description: "", website: "", intent: "more" }),
    expect: coordinatorWrite("ok"),
    writesNothingFor: STANDINGS,
  },
  {
    what: "accepting a proposal on its status page",
    audit: "solution.accept",
    route: solutionStatus,
    handler: "action",
    at: (f, who) => solution(f.proposalToAcceptOnItsPage[who], "/status"),
    form: () => ({ intent: "accept", status: "pilot", note: "Prøves i to kommuner.", effectiveOn: "" }),
    expect: coordinatorWrite(/^\/solutions\/[a-z0-9-]+$/),
  },
  {
    what: "rejecting a proposal on its status page",
    audit: "solution.reject",
    route: solutionStatus,
    handler: "action",
    at: (f, who) => solution(f.proposalToRejectOnItsPage[who], "/status"),
    form: () => ({ intent: "reject", reason: "Finnes allerede i katalogen." }),
    expect: coordinatorWrite(/^\/solutions\/[a-z0-9-]+$/),
  },
  {
    // After "editing the owner's write-up" above, on the same write-ups.
    what: "publishing the owner's write-up from its edit page",
    route: experienceEdit,
    handler: "action",
    at: (f, who) => experience(f.ownersExperienceToEdit[who], "/edit"),
    form: async (f, who) => ({
      intent: "publish",
      title: "Erfaringer med velferdsteknologi, publisert",
      summary: "Hva vi gjorde og lærte.",
      body: "Vi startet **smått** og vokste.",
      theme: String(f.themeId),
      visibility: "public",
      revision: String((await db().select({ revision: experiences.revision }).from(experiences).where(eq(experiences.id, f.ownersExperienceToEdit[who])))[0]!.revision),
    }),
    expect: { anonymous: 403, pending: 403, member: 403, owner: /^\/experiences\/\d+$/, coordinator: /^\/experiences\/\d+$/, admin: /^\/experiences\/\d+$/ },
  },
  ...(["more", "preview"] as const).flatMap((intent): RightsRow<Fixtures>[] => [
    {
      what: `asking the topic proposal form for ${intent}`,
      route: newTopic,
      handler: "action",
      at: plain("/topics/new"),
      form: (f) => ({ intent, title: "Et forslag", description: "Hva har **dere** lært?", theme: String(f.themeId) }),
      expect: memberWrite("ok"),
      writesNothingFor: STANDINGS,
    },
    {
      what: `asking the owner's topic's edit form for ${intent}`,
      route: topicEdit,
      handler: "action",
      at: (f) => topic(f.ownersTopic, "/edit"),
      form: async (f) => ({ intent, title: "Et forslag", description: "Hva har **dere** lært?", theme: String(f.themeId), version: await versionOf(topics, f.ownersTopic) }),
      expect: { anonymous: 403, pending: 403, member: 403, owner: "ok", coordinator: "ok", admin: "ok" },
      writesNothingFor: STANDINGS,
    },
  ]),
  {
    what: "previewing a solution proposal",
    route: newSolution,
    handler: "action",
    at: plain("/solutions/new"),
    form: () => ({ name: "Et navn", summary: "Kort.", description: "Med **fet** skrift.", ownerType: "municipality", ownerMunicipality: "1833", intent: "preview" }),
    expect: memberWrite("ok"),
    writesNothingFor: STANDINGS,
  },
  {
    what: "merging a topic into another",
    audit: "topic.merge",
    route: topicTriage,
    handler: "action",
    at: (f, who) => topic(f.toMerge[who], "/triage"),
    form: async (f, who) => ({ intent: "merge", version: await versionOf(topics, f.toMerge[who]), intoId: String(f.ownersTopic) }),
    expect: coordinatorWrite(/^\/topics\/\d+$/),
  },
  {
    // No viewer here belongs to a regional cooperation: a municipality's member may not record for one.
    what: "recording an adoption for a regional cooperation, as no cooperation's member",
    route: solutionPage,
    handler: "action",
    at: (f) => solution(f.acceptedSolution.slug),
    form: () => ({ intent: "adoptForCooperation", state: "interested", since: "2026-01-15", note: "" }),
    expect: everyone(403),
  },
  {
    // After "recording one's own municipality's adoption" above: every approved viewer's (Steinkjer's) record there.
    what: "confirming one's own municipality's adoption is still right",
    route: solutionPage,
    handler: "action",
    at: (f, who) => solution(f.solutionToAdopt[who]),
    form: async (f, who) => {
      const [adoption] = await db()
        .select({ version: adoptions.version })
        .from(adoptions)
        .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
        .where(eq(solutions.slug, f.solutionToAdopt[who]));
      return { intent: "confirm", municipality: "1833", version: String(adoption?.version ?? 1) };
    },
    expect: memberWrite(/^\/solutions\/[a-z0-9-]+#adoption$/),
  },
];

// Filled in by beforeAll, read by the cells when they run.
let viewers: Viewers;
let fixtures: Fixtures;

async function perStanding(make: (who: Who) => Promise<number>): Promise<ById> {
  const made = {} as ById;
  for (const who of STANDINGS) made[who] = await make(who);
  return made;
}

beforeAll(async () => {
  const roles = await everyRole();
  const owner = await createMember("member");
  viewers = { ...roles, owner };
  const coordinatorId = roles.coordinator.id;
  const plan = (status: "draft" | "planned" | "held", overrides: Parameters<typeof createForumSessionAs>[2] = {}) =>
    createForumSessionAs(coordinatorId, status, overrides).then((s) => s.id);
  const addItem = (sessionId: number, title: string) =>
    addAgendaItem(coordinatorId, sessionId, {
      startOffsetMinutes: 0,
      durationMinutes: 30,
      title,
      presenterMemberId: null,
      presenterName: null,
      presenterOrganisation: null,
      description: "",
      topicId: null,
    }).then((i) => i!.id);
  const past = { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" };

  const planned = await plan("planned");
  const plannedItem = await addItem(planned, "Velkommen");
  const registered = await createMember("member");
  await db().insert(registrations).values([{ forumSessionId: planned, memberId: owner.id }, { forumSessionId: planned, memberId: registered.id }]);
  const draft = await plan("draft");
  const draftItem = await addItem(draft, "Utkast");
  const held = await plan("held", past);
  await saveSummary(coordinatorId, held, { bodyMd: "Referat.", version: 0, publish: true });
  const open = await plan("planned");
  const everyoneRegistered = await plan("planned");
  await db().insert(registrations).values([roles.member, owner, roles.coordinator, roles.admin].map((m) => ({ forumSessionId: everyoneRegistered, memberId: m.id })));

  // Began an hour ago and has not ended: a session that may be marked as held.
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
  const inAnHour = new Date(Date.now() + 60 * 60 * 1000);
  const started = await perStanding(() => plan("planned", { startsAt: toOsloInput(hourAgo), endsAt: toOsloInput(inAnHour) }));

  const [notification] = await db()
    .insert(notifications)
    .values({ memberId: owner.id, kind: "summary_published", params: { title: "Forummøte" }, url: `/forum-sessions/${held}` })
    .returning();
  // Everyone signed in has something unread, so that marking all read writes.
  await db()
    .insert(notifications)
    .values(STANDINGS.flatMap((who) => (viewers[who] ? [{ memberId: viewers[who].id, kind: "summary_published" as const, params: { title: "Forummøte" }, url: `/forum-sessions/${held}` }] : [])));

  const viewerIds = Object.fromEntries(STANDINGS.map((who) => [who, viewers[who]?.id ?? 0])) as Record<Who, number>;
  fixtures = {
    planned,
    plannedItem,
    draft,
    draftItem,
    held,
    open,
    everyoneRegistered,
    started,
    editable: await perStanding(() => plan("planned")),
    itemToEdit: await perStanding((who) => addItem(planned, `Til endring av ${who}`)),
    itemToRemove: await perStanding((who) => addItem(planned, `Til sletting av ${who}`)),
    heldWithoutSummary: await perStanding(() => plan("held", past)),
    toCancel: await perStanding(() => plan("planned")),
    toRestore: await perStanding(() => createForumSessionAs(coordinatorId, "cancelled").then((s) => s.id)),
    applicantToApprove: await perStanding(() => createMember("pending").then((m) => m.id)),
    applicantToReject: await perStanding(() => createMember("pending").then((m) => m.id)),
    promotable: await perStanding(() => createMember("member").then((m) => m.id)),
    ownersNotification: notification!.id,
    ownersCalendarToken: await replaceCalendarToken(owner.id),
    pendingsCalendarToken: await replaceCalendarToken(roles.pending.id),
    signInMember: await createMember("member"),
    ownerId: owner.id,
    pendingId: roles.pending.id,
    viewerIds,
    ...(await topicFixtures(viewers, coordinatorId)),
    ...(await experienceFixtures(viewers)),
    ...(await catalogueFixtures(viewers)),
  };
});

async function catalogueFixtures(viewers: Viewers) {
  const summary = (m: TestMember, role: "member" | "coordinator") => ({ id: m.id, name: m.name, role, status: "approved" as const, municipalityNumber: "1833" });
  const owner = summary(viewers.owner!, "member");
  const coordinator = summary(viewers.coordinator!, "coordinator");
  const accepted = (status: "pilot" | null = "pilot") => createSolution(owner, coordinator, { status });
  const slugs = async (make: () => Promise<{ slug: string }>) => {
    const made = {} as Record<Who, string>;
    for (const who of STANDINGS) made[who] = (await make()).slug;
    return made;
  };
  const acceptedSolution = await accepted();
  const ownersProposal = await accepted(null);
  return {
    acceptedSolution: { id: acceptedSolution.id, slug: acceptedSolution.slug },
    ownersProposal: { id: ownersProposal.id, slug: ownersProposal.slug },
    solutionToAdopt: await slugs(() => accepted()),
    ownersProposalToEdit: await slugs(() => accepted(null)),
    proposalToReview: await perStanding(async () => (await accepted(null)).id),
    proposalToAcceptOnItsPage: await slugs(() => accepted(null)),
    proposalToRejectOnItsPage: await slugs(() => accepted(null)),
    solutionToRestatus: await slugs(() => accepted()),
    organisation: (await createOrganisation("regional_cooperation", { municipalities: ["1804", "1833"] })).slug,
    organisationToEdit: await slugs(() => createOrganisation("supplier")),
    solutionToRecordFor: await slugs(() => accepted()),
    adoptionToConfirm: await slugs(async () => {
      const entry = await accepted();
      await recordAdoption(coordinator, entry.id, "1804", { state: "in_use", since: "2025-01-01", note: "", openToJointProcurement: false }, null);
      return entry;
    }),
  };
}

async function topicFixtures(viewers: Viewers, coordinatorId: number) {
  const owner = viewers.owner!;
  const ownersTopic = (await createTopicAs(owner.id)).id;
  const ownersComment = await commentOnTopic({ id: owner.id, name: owner.name }, ownersTopic, "Første kommentar.").then((c) => (c.ok ? c.commentId : 0));
  const mergedTopic = (await createTopicAs(owner.id)).id;
  await triageTopic(coordinatorId, mergedTopic, { step: "merge", version: 1, intoId: ownersTopic });
  const commentBy = (authorId: number) =>
    commentOnTopic({ id: authorId, name: "Forfatter" }, ownersTopic, "En kommentar.").then((c) => (c.ok ? c.commentId : 0));
  const [theme] = await db().select({ id: themes.id }).from(themes).limit(1);
  return {
    ownersTopic,
    ownersComment,
    mergedTopic,
    toSupport: await perStanding(() => createTopicAs(owner.id).then((t) => t.id)),
    supported: await perStanding(async (who) => {
      const id = (await createTopicAs(owner.id)).id;
      if (viewers[who]) await setSupport(viewers[who].id, id, true);
      return id;
    }),
    ownersTopicToEdit: await perStanding(() => createTopicAs(owner.id).then((t) => t.id)),
    toShortlist: await perStanding(() => createTopicAs(owner.id).then((t) => t.id)),
    toMerge: await perStanding(() => createTopicAs(owner.id).then((t) => t.id)),
    ownersCommentToEdit: await perStanding(() => commentBy(owner.id)),
    commentToHide: await perStanding(() => commentBy(owner.id)),
    themeId: theme!.id,
  };
}

async function experienceFixtures(viewers: Viewers) {
  const owner = viewers.owner!;
  const invitee = await createMember("member");
  const [theme] = await db().select({ id: themes.id }).from(themes).limit(1);
  const write = (overrides: Parameters<typeof createExperienceAs>[1] = {}) => createExperienceAs(owner.id, { themeIds: [theme!.id], ...overrides }).then((e) => e.id);
  const ownerSummary = { id: owner.id, name: owner.name, role: "member" as const, status: "approved" as const, municipalityNumber: "1804" };
  return {
    ownersExperience: await write(),
    ownersMembersOnlyExperience: await write({ visibility: "members" }),
    ownersDraftExperience: await write({ publish: false }),
    ownersExperienceToEdit: await perStanding(() => write()),
    coAuthorToAdd: await perStanding(() => write()),
    coAuthorToRemove: await perStanding(async () => {
      const id = await write();
      await addCoAuthor(ownerSummary, id, invitee.email, 10);
      return id;
    }),
    invitee,
  };
}

describe("the rights matrix", () => {
  it("has the columns of DESIGN.md, as rights.ts's table has them", () => {
    expect(RIGHTS.readMembersOnly).toEqual(APPROVED);
    expect(RIGHTS.write).toEqual(APPROVED);
    expect(RIGHTS.coordinate).toEqual(COORDINATORS);
    expect(RIGHTS.administer).toEqual(ADMINS);
  });

  it("has a row for every loader and action of every route", async () => {
    const missing: string[] = [];
    for (const route of await routeList()) {
      for (const handler of ["loader", "action"] as const) {
        const exported = route.module[handler];
        if (exported && !ROWS.some((row) => row.route[handler] === exported && row.handler === handler)) missing.push(`${route.pattern} ${handler}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has a row for every intent an action tells apart", async () => {
    const missing: string[] = [];
    for (const route of (await routeList()).filter((r) => r.hasAction)) {
      // The intents its action compares or lists: `intent === "x"`, `intent !== "x"`, `intent: z.enum([…])`, `z.literal("x")`.
      const source = readFileSync(route.file, "utf8");
      const named = new Set([
        ...[...source.matchAll(/intent"?\)?\s*[!=]==\s*"([\w-]+)"/g)].map((m) => m[1]!),
        ...[...source.matchAll(/intent: z\.(?:enum\(\[([^\]]*)\]|literal\(("[\w-]+")\))/g)].flatMap((m) => [...(m[1] ?? m[2]!).matchAll(/"([\w-]+)"/g)].map((n) => n[1]!)),
      ]);
      const rows = ROWS.filter((row) => row.handler === "action" && row.route.action === route.module.action);
      const covered = new Set(await Promise.all(rows.map(async (row) => String((await row.form?.(fixtures, "admin"))?.intent ?? ""))));
      for (const intent of named) if (!covered.has(intent)) missing.push(`${route.pattern} intent=${intent}`);
    }
    expect(missing).toEqual([]);
  });

  rightsMatrix(ROWS, () => ({ viewers, fixtures }));
});
