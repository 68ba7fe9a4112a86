import { findMemberByEmail } from "~/members/members.server";

/** An agenda item's presenter, named by email, must be an approved member. */
export async function findApprovedMemberId(email: string): Promise<number | undefined> {
  const member = await findMemberByEmail(email);
  return member?.status === "approved" ? member.id : undefined;
}
