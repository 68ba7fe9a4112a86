import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MEMBER_ROLES } from "../../db/schema/member-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { decideAndTell } from "~/members/decisions.server";
import { changeRole, getMember, listMembersForAdmin, listPendingMembers } from "~/members/members.server";
import { requireAdmin, requireCoordinator, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "approvals.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const isAdmin = can(summarise(viewer), "administer");
  const [pending, approved] = await Promise.all([listPendingMembers(), isAdmin ? listMembersForAdmin() : null]);
  return { pending, approved, viewerId: viewer.member.id };
}

const decisionForm = z.object({
  intent: z.enum(["approve", "reject"]),
  memberId: z.coerce.number().int().positive(),
});
const roleForm = z.object({
  intent: z.literal("role"),
  memberId: z.coerce.number().int().positive(),
  role: z.enum(MEMBER_ROLES),
});

type Reply = { message: MessageKey; name?: string; ok: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "role") {
    const viewer = await requireAdmin(request, context);
    const form = parseForm(formData, roleForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
    const member = await getMember(form.value.memberId);
    if (!member) return data<Reply>({ message: "error.notFound.body", ok: false }, { status: 404 });
    // An admin cannot demote themselves: the forum must not be left without one by a slip.
    if (member.id === viewer.member.id) return data<Reply>({ message: "approvals.ownRole", ok: false }, { status: 400 });
    await changeRole(viewer.member.id, member.id, form.value.role);
    return data<Reply>({ message: "approvals.roleChanged", name: member.name, ok: true });
  }
  const viewer = await requireCoordinator(request, context);
  const form = parseForm(formData, decisionForm);
  if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
  const decision = form.value.intent === "approve" ? "approved" : "rejected";
  const member = await decideAndTell(viewer.member.id, form.value.memberId, decision);
  if (!member) return data<Reply>({ message: "approvals.notPending", ok: false }, { status: 409 });
  return data<Reply>({ message: decision === "approved" ? "approvals.approved" : "approvals.rejected", name: member.name, ok: true });
}

export default function MembersAdminPage() {
  const { pending, approved, viewerId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const workplaceOf = (m: { municipalityName: string | null; organisationName: string | null; organisationSlug: string | null }) =>
    m.municipalityName ??
    (m.organisationName && m.organisationSlug ? (
      <Link className="ds-link" to={`/organisations/${m.organisationSlug}`}>
        {m.organisationName}
      </Link>
    ) : (
      t("members.cluster")
    ));
  const language = useLanguage();
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {t("approvals.title")}
      </h1>
      {reply ? (
        <div className="mt-6 max-w-xl" role={reply.ok ? "status" : "alert"}>
          <div className="ds-alert" data-color={reply.ok ? "success" : "danger"}>
            <p className="ds-paragraph">{t(reply.message, { name: reply.name ?? "" })}</p>
          </div>
        </div>
      ) : null}

      <h2 className="ds-heading mt-8" data-size="md">
        {t("approvals.pending", { count: pending.length })}
      </h2>
      {pending.length === 0 ? (
        <p className="ds-paragraph mt-4">{t("approvals.empty")}</p>
      ) : (
        <ul className="mt-4 space-y-4">
          {pending.map((m) => (
            <li key={m.id} className="ds-card max-w-2xl">
              <h3 className="ds-heading" data-size="xs">
                {m.name}
              </h3>
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
                <dt className="font-semibold">{t("approvals.jobTitle")}</dt>
                <dd>{m.jobTitle}</dd>
                <dt className="font-semibold">{m.organisationName && !m.municipalityName ? t("organisations.workplace.organisation") : t("approvals.municipality")}</dt>
                <dd>{workplaceOf(m)}</dd>
                <dt className="font-semibold">{t("approvals.email")}</dt>
                <dd>{m.email}</dd>
              </dl>
              <p className="ds-paragraph" data-size="sm">
                {t("approvals.signedUp", { date: formatDate(new Date(m.createdAt), language) })}
              </p>
              <Form method="post" className="flex gap-3">
                <input type="hidden" name="memberId" value={m.id} />
                <button
                  type="submit"
                  name="intent"
                  value="approve"
                  className="ds-button"
                  data-variant="primary"
                  aria-label={t("approvals.approveLabel", { name: m.name })}
                >
                  {t("approvals.approve")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="reject"
                  className="ds-button"
                  data-variant="secondary"
                  aria-label={t("approvals.rejectLabel", { name: m.name })}
                >
                  {t("approvals.reject")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      {approved ? (
        <>
          <h2 className="ds-heading mt-10" data-size="md">
            {t("approvals.members", { count: approved.length })}
          </h2>
          <div className="mt-4 overflow-x-auto">
            <table className="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("approvals.name")}</th>
                  <th scope="col">{t("organisations.workplace.either")}</th>
                  <th scope="col">{t("approvals.email")}</th>
                  <th scope="col">{t("approvals.role")}</th>
                </tr>
              </thead>
              <tbody>
                {approved.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{workplaceOf(m)}</td>
                    <td>{m.email}</td>
                    <td>
                      {m.id === viewerId ? (
                        t(`members.role.${m.role}` as MessageKey)
                      ) : (
                        <Form method="post" className="flex items-center gap-2">
                          <input type="hidden" name="memberId" value={m.id} />
                          <select
                            name="role"
                            defaultValue={m.role}
                            className="ds-input"
                            aria-label={t("approvals.roleLabel", { name: m.name })}
                          >
                            {MEMBER_ROLES.map((role) => (
                              <option key={role} value={role}>
                                {t(`members.role.${role}` as MessageKey)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" name="intent" value="role" className="ds-button" data-variant="secondary" data-size="sm">
                            {t("approvals.changeRole")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
