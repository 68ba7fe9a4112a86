import type { MemberRole, MemberStatus } from "../../db/schema";

/** What the browser knows of the signed-in member: enough to show or hide buttons. */
export interface ViewerSummary {
  id: number;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  municipalityNumber: string | null;
  /** The organisation (supplier, regional cooperation, …) the member belongs to instead of a municipality. */
  organisationId?: number | null;
}

/** Who a viewer is, as DESIGN.md's rights matrix has its columns. */
export type Standing = "anonymous" | "pending" | "member" | "coordinator" | "admin";

/** A thing a right may depend on: who wrote it, whose municipality it concerns, who may read it. */
export interface Resource {
  ownerId?: number | null;
  coAuthorIds?: readonly number[];
  municipalityNumber?: string | null;
  visibility?: "public" | "members";
}

export type Action =
  /** Read a thing: public ones for all, members-only ones for approved members. */
  | "read"
  | "readMembersOnly"
  /** Propose and support topics, comment, write experiences, register for forum sessions. */
  | "write"
  /** Record the viewer's own municipality's adoption of a solution. */
  | "recordAdoption"
  /** Edit or delete one's own content (its owner or a co-author); coordinators may edit any. */
  | "edit"
  /** Forum sessions and agendas, triage, summaries, the catalogue, hiding comments, approving members. */
  | "coordinate"
  /** Roles, municipalities, the audit log. */
  | "administer";

const ALL: readonly Standing[] = ["anonymous", "pending", "member", "coordinator", "admin"];
const APPROVED: readonly Standing[] = ["member", "coordinator", "admin"];
const COORDINATORS: readonly Standing[] = ["coordinator", "admin"];

/**
 * DESIGN.md's rights matrix as one table: who may, before ownership is looked at. The server enforces
 * it with require…() (permissions.server.ts); pages use can() to show only what the viewer may do.
 */
export const RIGHTS: Record<Action, readonly Standing[]> = {
  read: ALL,
  readMembersOnly: APPROVED,
  write: APPROVED,
  recordAdoption: APPROVED,
  edit: APPROVED,
  coordinate: COORDINATORS,
  administer: ["admin"],
};

export function standingOf(viewer: ViewerSummary | null | undefined): Standing {
  if (!viewer) return "anonymous";
  if (viewer.status !== "approved") return "pending";
  return viewer.role;
}

function owns(viewer: ViewerSummary, resource: Resource): boolean {
  return resource.ownerId === viewer.id || (resource.coAuthorIds?.includes(viewer.id) ?? false);
}

/** Whether the viewer may do the action, on the resource when the right depends on one. */
export function can(viewer: ViewerSummary | null | undefined, action: Action, resource: Resource = {}): boolean {
  const standing = standingOf(viewer);
  if (action === "read" && resource.visibility === "members") return can(viewer, "readMembersOnly");
  if (!RIGHTS[action].includes(standing) || !viewer) return action === "read";
  switch (action) {
    case "edit":
      return owns(viewer, resource) || COORDINATORS.includes(standing);
    case "recordAdoption":
      return resource.municipalityNumber != null && resource.municipalityNumber === viewer.municipalityNumber;
    default:
      return true;
  }
}
