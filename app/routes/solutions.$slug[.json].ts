import type { LoaderFunctionArgs } from "@remix-run/node";
import { limitDownload } from "~/lib/rate-limit.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { openDataNotFound, openDataResponse, openSolution } from "~/solutions/open-data.server";

/** /solutions/<slug>.json: one accepted entry as open data; a proposal or rejected entry is not found, for everyone. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await limitDownload(request, context, summarise(await getViewer(request, context)));
  const entry = await openSolution(params.slug);
  return entry ? openDataResponse(request, entry) : openDataNotFound();
}
