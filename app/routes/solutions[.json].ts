import type { LoaderFunctionArgs } from "@remix-run/node";
import { limitDownload } from "~/lib/rate-limit.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { openCatalogueResponse } from "~/solutions/open-data.server";

/** /solutions.json: every accepted catalogue entry as open data (docs/open-data.md), for anyone. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await limitDownload(request, context, summarise(await getViewer(request, context)));
  return openCatalogueResponse(request);
}
