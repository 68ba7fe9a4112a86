import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie, invalidateAuthSession } from "~/members/auth-sessions.server";
import { getViewer } from "~/members/permissions.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (viewer) await invalidateAuthSession(viewer.session.id);
  return redirect("/", { status: 303, headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
