import type { MemberRole, MemberStatus } from "../../db/schema";

/** What the browser knows of the signed-in member: enough to show or hide buttons. */
export interface ViewerSummary {
  id: number;
  name: string;
  role: MemberRole;
  status: MemberStatus;
}

export type Right = "write" | "readMembersOnly" | "coordinate" | "administer";

/** DESIGN.md's rights matrix. The server enforces it with require…(); this only hides buttons. */
export function can(viewer: ViewerSummary | null | undefined, right: Right): boolean {
  if (!viewer || viewer.status !== "approved") return false;
  switch (right) {
    case "write":
    case "readMembersOnly":
      return true;
    case "coordinate":
      return viewer.role === "coordinator" || viewer.role === "admin";
    case "administer":
      return viewer.role === "admin";
  }
}
