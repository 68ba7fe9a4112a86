import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMemberData } from "~/members/data-export.server";
import { requireSignedIn } from "~/members/permissions.server";

/** All of one's own data as a JSON download (GDPR art. 15 and 20). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const data = await exportMemberData(member.id);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="kommuneforum-my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
