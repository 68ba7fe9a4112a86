import { nb as search } from "~/search/messages.nb";
import { nb as themes } from "~/themes/messages.nb";
import { nb as home } from "~/home/messages.nb";
import { nb as myPage } from "~/members/me-messages.nb";
import { nb as comments } from "~/comments/messages.nb";
import { nb as experiences } from "~/experiences/messages.nb";
import { nb as experienceList } from "~/experiences/list-messages.nb";
import { nb as experienceForm } from "~/experiences/form-messages.nb";
import { nb as experiencePage } from "~/experiences/page-messages.nb";
import { nb as experienceHistory } from "~/experiences/history-messages.nb";
import { nb as feeds } from "~/experiences/feed-messages.nb";
import { nb as forumSessions } from "~/forum-sessions/messages.nb";
import { nb as calendar } from "~/forum-sessions/calendar-messages.nb";
import { nb as shared } from "~/i18n/nb";
import { nb as solutions } from "~/solutions/messages.nb";
import { nb as organisations } from "~/organisations/messages.nb";
import { nb as solutionForm } from "~/solutions/form-messages.nb";
import { nb as solutionPage } from "~/solutions/page-messages.nb";
import { nb as solutionEvidence } from "~/solutions/evidence-messages.nb";
import { nb as solutionList } from "~/solutions/list-messages.nb";
import { nb as solutionLinks } from "~/solutions/link-messages.nb";
import { nb as notifications } from "~/notifications/messages.nb";
import { nb as topicList } from "~/topics/list-messages.nb";
import { nb as topics } from "~/topics/messages.nb";
import { nb as topicPage } from "~/topics/page-messages.nb";
import { nb as triage } from "~/topics/triage-messages.nb";

/** Every message in bokmål: the shared ones and each area's. The browser loads only its own language's. */
export const catalogue = { ...shared, ...forumSessions, ...calendar, ...notifications, ...topics, ...topicList, ...topicPage, ...triage, ...comments, ...experiences, ...experienceList, ...experienceForm, ...experiencePage, ...experienceHistory, ...feeds, ...solutions, ...organisations, ...solutionForm, ...solutionPage, ...solutionEvidence, ...solutionList, ...solutionLinks, ...search, ...themes, ...home, ...myPage } as const;
