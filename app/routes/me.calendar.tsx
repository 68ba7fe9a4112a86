import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { calendarFeedUrl, replaceCalendarToken, webcalUrl } from "~/forum-sessions/calendar.server";
import { useT } from "~/i18n/i18n";
import { requireApprovedMember, requireSignedIn, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { Field, FormAlert } from "~/ui/field";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";
import { publicUrl } from "~/lib/settings.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendar.me.title");

// The page shows a secret address: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(request, context);
  const origin = publicUrl();
  const approved = can(summarise(viewer), "readMembersOnly");
  const token = approved ? viewer.member.calendarToken : null;
  const feedUrl = token ? calendarFeedUrl(origin, token) : null;
  const publicFeedUrl = `${origin}/forum-sessions/calendar.ics`;
  return {
    approved,
    feedUrl,
    feedWebcalUrl: feedUrl ? webcalUrl(feedUrl) : null,
    publicFeedUrl,
    publicFeedWebcalUrl: webcalUrl(publicFeedUrl),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { member } = await requireApprovedMember(request, context);
  await replaceCalendarToken(member.id);
  return data({ done: member.calendarToken ? ("calendar.me.replaced" as const) : ("calendar.me.created" as const) });
}

export default function MyCalendarPage() {
  const { approved, feedUrl, feedWebcalUrl, publicFeedUrl, publicFeedWebcalUrl } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeading back={{ to: "/me", label: t("me.title") }}>{t("calendar.me.title")}</PageHeading>
      <p className="ds-paragraph mt-2">{t("calendar.me.lead")}</p>

      <h2 className="ds-heading mt-10" data-size="sm">
        {t("calendar.me.personal")}
      </h2>
      {approved ? (
        <div className="mt-4 space-y-6">
          <p className="ds-paragraph">{t("calendar.me.personalLead")}</p>
          <FormAlert color="success" message={reply?.done} />
          {feedUrl && feedWebcalUrl ? (
            <>
              <Field
                name="feedUrl"
                label={t("calendar.me.address")}
                description={t("calendar.me.addressHelp")}
                value={feedUrl}
                readOnly
              />
              <p>
                <a className="ds-link" href={feedWebcalUrl}>
                  {t("calendar.me.webcal")}
                </a>
              </p>
              <div className="ds-alert" data-color="warning">
                <p className="ds-paragraph">{t("calendar.me.warning")}</p>
              </div>
            </>
          ) : (
            <p className="ds-paragraph">{t("calendar.me.none")}</p>
          )}
          <Form method="post" className="space-y-4">
            {feedUrl ? <p className="ds-paragraph">{t("calendar.me.resetHelp")}</p> : null}
            <button type="submit" className="ds-button" data-variant={feedUrl ? "secondary" : "primary"}>
              {t(feedUrl ? "calendar.me.reset" : "calendar.me.create")}
            </button>
          </Form>
        </div>
      ) : (
        <div className="mt-4 ds-alert" data-color="info">
          <p className="ds-paragraph">{t("calendar.me.approvedOnly")}</p>
        </div>
      )}

      <h2 className="ds-heading mt-10" data-size="sm">
        {t("calendar.me.public")}
      </h2>
      <div className="mt-4 space-y-6">
        <p className="ds-paragraph">{t("calendar.me.publicLead")}</p>
        <Field name="publicFeedUrl" label={t("calendar.me.publicAddress")} value={publicFeedUrl} readOnly />
        <p>
          <a className="ds-link" href={publicFeedWebcalUrl}>
            {t("calendar.subscribe")}
          </a>
        </p>
      </div>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
