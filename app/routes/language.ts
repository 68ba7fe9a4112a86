import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLanguage } from "~/i18n/i18n";
import { languageCookieHeader } from "~/i18n/language.server";
import { safeRedirect } from "~/lib/http.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  if (!isLanguage(language)) throw new Response("Unknown language", { status: 400 });
  return redirect(safeRedirect(form.get("redirectTo")), {
    status: 303,
    headers: { "Set-Cookie": await languageCookieHeader(language) },
  });
}

export function loader() {
  return redirect("/");
}
