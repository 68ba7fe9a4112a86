import type { catalogue as nb } from "./nb";
import { en as experiences } from "~/experiences/messages.en";
import { en as experienceList } from "~/experiences/list-messages.en";
import { en as experienceForm } from "~/experiences/form-messages.en";
import { en as experiencePage } from "~/experiences/page-messages.en";
import { en as experienceHistory } from "~/experiences/history-messages.en";
import { en as feeds } from "~/experiences/feed-messages.en";
import { en as comments } from "~/comments/messages.en";
import { en as forumSessions } from "~/forum-sessions/messages.en";
import { en as calendar } from "~/forum-sessions/calendar-messages.en";
import { en as shared } from "~/i18n/en";
import { en as solutions } from "~/solutions/messages.en";
import { en as organisations } from "~/organisations/messages.en";
import { en as solutionForm } from "~/solutions/form-messages.en";
import { en as solutionPage } from "~/solutions/page-messages.en";
import { en as solutionEvidence } from "~/solutions/evidence-messages.en";
import { en as solutionList } from "~/solutions/list-messages.en";
import { en as solutionLinks } from "~/solutions/link-messages.en";
import { en as notifications } from "~/notifications/messages.en";
import { en as topicList } from "~/topics/list-messages.en";
import { en as topics } from "~/topics/messages.en";
import { en as topicPage } from "~/topics/page-messages.en";
import { en as triage } from "~/topics/triage-messages.en";

/** Every message in English; a key missing here fails the typecheck. */
export const catalogue: Record<keyof typeof nb, string> = { ...shared, ...forumSessions, ...calendar, ...notifications, ...topics, ...topicList, ...topicPage, ...triage, ...comments, ...experiences, ...experienceList, ...experienceForm, ...experiencePage, ...experienceHistory, ...feeds, ...solutions, ...organisations, ...solutionForm, ...solutionPage, ...solutionEvidence, ...solutionList, ...solutionLinks };
