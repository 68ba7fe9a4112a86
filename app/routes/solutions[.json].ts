import type { LoaderFunctionArgs } from "@remix-run/node";
import { openCatalogueResponse } from "~/solutions/open-data.server";

/** /solutions.json: every accepted catalogue entry as open data (docs/open-data.md), for anyone. */
export async function loader({ request }: LoaderFunctionArgs) {
  return openCatalogueResponse(request);
}
