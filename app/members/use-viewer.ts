import { useRouteLoaderData } from "@remix-run/react";
import type { ViewerSummary } from "./rights";

/** The signed-in member as the root loader saw them, or null. */
export function useViewer(): ViewerSummary | null {
  return useRouteLoaderData<{ viewer?: ViewerSummary | null }>("root")?.viewer ?? null;
}
