import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { themes } from "../../db/schema";
import { db } from "~/db.server";
import { setFollow } from "~/experiences/experiences.server";
import { safeRedirect } from "~/lib/http.server";
import { requireApprovedMember } from "~/members/permissions.server";
import { getMunicipality } from "~/municipalities/municipalities.server";

/** Follow or stop following a theme (by slug) or a municipality (by number), then back to the page (303). */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const theme = form.get("theme");
  const municipality = form.get("municipality");
  if (intent !== "follow" && intent !== "unfollow") throw data("Unknown intent", { status: 400 });
  let subject: { themeId: number } | { municipalityNumber: string } | undefined;
  if (typeof theme === "string" && theme) {
    const [row] = await db().select({ id: themes.id }).from(themes).where(eq(themes.slug, theme.slice(0, 100)));
    if (row) subject = { themeId: row.id };
  } else if (typeof municipality === "string" && /^\d{4}$/.test(municipality)) {
    const found = await getMunicipality(municipality);
    if (found) subject = { municipalityNumber: found.number };
  }
  if (!subject) throw data("Unknown theme or municipality", { status: 400 });
  await setFollow(viewer.member.id, subject, intent === "follow");
  return redirect(safeRedirect(form.get("redirectTo")), 303);
}

export function loader() {
  return redirect("/");
}
