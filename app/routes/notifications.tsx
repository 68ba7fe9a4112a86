import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NOTIFICATION_KINDS } from "../../db/schema/notification-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";
import { pageNumber, parseForm } from "~/lib/forms";
import { safeRedirect } from "~/lib/http.server";
import { requireSignedIn } from "~/members/permissions.server";
import { emailPreferencesForm, openNotificationForm } from "~/notifications/notification-forms";
import { notificationText } from "~/notifications/notification-text";
import {
  countUnreadNotifications,
  getEmailPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  setEmailPreferences,
} from "~/notifications/notifications.server";
import { FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const page = pageNumber(request);
  const [list, unread, email] = await Promise.all([
    listNotifications(member.id, page),
    countUnreadNotifications(member.id),
    getEmailPreferences(member.id),
  ]);
  return { ...list, page, unread, email };
}

type Reply = { message: MessageKey; ok: boolean; section: "list" | "email" };

export async function action({ request, context }: ActionFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "open") {
    const form = parseForm(formData, openNotificationForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false, section: "list" }, { status: 400 });
    const opened = await markNotificationRead(member.id, form.value.id);
    if (!opened) return data<Reply>({ message: "notifications.notFound", ok: false, section: "list" }, { status: 404 });
    return redirect(safeRedirect(opened.url, "/notifications"));
  }
  if (intent === "read-all") {
    await markAllNotificationsRead(member.id);
    return data<Reply>({ message: "notifications.markedAllRead", ok: true, section: "list" });
  }
  if (intent === "email") {
    const form = emailPreferencesForm.safeParse(formData.getAll("email"));
    if (!form.success) return data<Reply>({ message: "error.badRequest.body", ok: false, section: "email" }, { status: 400 });
    await setEmailPreferences(member.id, form.data);
    return data<Reply>({ message: "notifications.email.saved", ok: true, section: "email" });
  }
  return data<Reply>({ message: "error.badRequest.body", ok: false, section: "list" }, { status: 400 });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["notifications"][number];

function NotificationItem({ notification }: { notification: Item }) {
  const t = useT();
  const language = useLanguage();
  const unread = !notification.readAt;
  const createdAt = new Date(notification.createdAt);
  const textId = `notification-${notification.id}`;
  return (
    <li className="ds-card" data-unread={unread || undefined}>
      <p className="ds-paragraph" id={textId}>
        {unread ? (
          <>
            <span className="ds-tag" data-color="info" data-size="sm">
              {t("notifications.unread")}
            </span>{" "}
          </>
        ) : null}
        <span className={unread ? "font-semibold" : undefined}>{notificationText(t, language, notification)}</span>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <p className="ds-paragraph text-[var(--ds-color-neutral-text-subtle)]" data-size="sm">
          <time dateTime={createdAt.toISOString()}>{formatDateTime(createdAt, language)}</time>
        </p>
        <Form method="post">
          <input type="hidden" name="id" value={notification.id} />
          <button
            type="submit"
            name="intent"
            value="open"
            className="ds-button"
            data-variant="secondary"
            data-size="sm"
            aria-describedby={textId}
          >
            {t("notifications.open")}
          </button>
        </Form>
      </div>
    </li>
  );
}

export default function NotificationsPage() {
  const { notifications, hasOlder, page, unread, email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl">
      <h1 className="ds-heading" data-size="lg">
        {t("notifications.title")}
      </h1>
      {reply?.section === "list" ? (
        <div className="mt-6">
          <FormAlert color={reply.ok ? "success" : "danger"} message={reply.message} />
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <p className="ds-paragraph">
          {unread === 0
            ? t("notifications.allRead")
            : t("notifications.unreadCount", { count: unread })}
        </p>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="ds-button" data-variant="secondary" data-size="sm">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>

      {notifications.length === 0 ? (
        <p className="ds-paragraph mt-6">{t("notifications.empty")}</p>
      ) : (
        <ul className="mt-6 space-y-3" aria-label={t("notifications.list")}>
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
      )}
      {page > 1 || hasOlder ? (
        <nav className="mt-6 flex gap-6" aria-label={t("notifications.pages")}>
          {page > 1 ? (
            <Link className="ds-link" to={page === 2 ? "/notifications" : `/notifications?page=${page - 1}`}>
              {t("notifications.newerPage")}
            </Link>
          ) : null}
          {hasOlder ? (
            <Link className="ds-link" to={`/notifications?page=${page + 1}`}>
              {t("notifications.olderPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <section className="mt-12" aria-labelledby="email-settings">
        <h2 id="email-settings" className="ds-heading" data-size="sm">
          {t("notifications.email.title")}
        </h2>
        <p className="ds-paragraph mt-2">{t("notifications.email.lead")}</p>
        <Form method="post" className="mt-4 space-y-6">
          {reply?.section === "email" ? <FormAlert color={reply.ok ? "success" : "danger"} message={reply.message} /> : null}
          <fieldset className="ds-fieldset">
            <legend className="ds-label">{t("notifications.email.legend")}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <div className="ds-field" key={kind}>
                <input
                  type="checkbox"
                  className="ds-input"
                  id={`email-${kind}`}
                  name="email"
                  value={kind}
                  defaultChecked={email[kind]}
                />
                <label className="ds-label" htmlFor={`email-${kind}`}>
                  {t(`notifications.email.${kind}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="email" className="ds-button" data-variant="primary">
            {t("notifications.email.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
