import { it } from "vitest";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { AddToCalendar } from "./add-to-calendar";
it("renders", () => {
  for (const signedIn of [false, true]) {
    const router = createMemoryRouter([{ id: "root", path: "/", loader: () => ({ language: "en" }), element: <AddToCalendar forumSessionId={7} signedIn={signedIn} /> }], { hydrationData: { loaderData: { root: { language: "en" } } } });
    console.log(renderToString(<RouterProvider router={router} />));
  }
});
