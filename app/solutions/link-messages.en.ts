import type { nb } from "./link-messages.nb";

export const en: Record<keyof typeof nb, string> = {
  "solutionLinks.heading": "Solutions in the catalogue",
  "solutionLinks.presented": "Solution presented",
  "solutionLinks.presentedHelp": "The name of a solution in the solution catalogue, as written on the solution’s page. Leave empty if none.",
  "solutionLinks.unknownSolution": "We find no accepted solution in the catalogue with this name. Write the name as it is on the solution’s page.",
};
