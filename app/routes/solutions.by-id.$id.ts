import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, parseId } from "~/lib/http.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { getSolutionById, mayReadSolution } from "~/solutions/solutions.server";

/**
 * A solution found by its id (comment links use it: an entry is read by its slug), sent on to its page
 * with the query kept (`?comments=3`); the browser keeps the `#comment-N`. Temporary (302): the slug is
 * the page's address. A proposal is a 404 for those who may not read it, as on its page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [solution, viewer] = await Promise.all([id ? getSolutionById(id) : undefined, getViewer(request, context)]);
  if (!solution || !mayReadSolution(summarise(viewer), solution)) notFound();
  return redirect(`/solutions/${solution.slug}${new URL(request.url).search}`, 302);
}
