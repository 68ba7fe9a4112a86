import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { members, municipalities, organisations, passwordResets, type Member, type MemberRole } from "../../db/schema";
import { hashPassword } from "./passwords.server";
import { db, type Database, type Transaction } from "~/db.server";
import type { Language } from "~/i18n/i18n";
import { audited } from "~/lib/audit.server";

export interface NewMember {
  name: string;
  email: string;
  password: string;
  municipalityNumber: string | null;
  /** The organisation the newcomer works in instead of a municipality. */
  organisationId?: number | null;
  jobTitle: string;
  /** The language the member signed up in: their mail and calendar texts are written in it. */
  language?: Language;
}

/** What pages may show of a member; never the password hash. */
export type PublicMember = Omit<Member, "passwordHash">;

export function withoutSecrets({ passwordHash: _, ...member }: Member): PublicMember {
  return member;
}

export async function findMemberByEmail(email: string, tx: Database | Transaction = db()): Promise<Member | undefined> {
  const [member] = await tx
    .select()
    .from(members)
    .where(eq(sql`lower(${members.email})`, email.trim().toLowerCase()));
  return member;
}

export async function getMember(id: number): Promise<Member | undefined> {
  const [member] = await db().select().from(members).where(eq(members.id, id));
  return member;
}

/**
 * Resolves what the sign-up form's municipality box holds — "1804 Bodø", "1804" or "Bodø" — to a
 * municipality number, or undefined when it names none.
 */
export async function resolveMunicipality(input: string): Promise<string | undefined> {
  const number = input.match(/^\s*(\d{4})\b/)?.[1];
  const [m] = await db()
    .select({ number: municipalities.number })
    .from(municipalities)
    .where(
      number
        ? eq(municipalities.number, number)
        : eq(sql`lower(${municipalities.name})`, input.trim().toLocaleLowerCase("nb")),
    );
  return m?.number;
}

export type SignUpResult = { ok: true; member: Member } | { ok: false; reason: "taken" };

/**
 * Creates a pending member; answers "taken" when the email is in use in any letter case. The password
 * is hashed either way (before the transaction: it is slow), so a taken address costs the same time
 * as a free one. `tell` runs in the same transaction, to queue mail about the outcome.
 */
export async function signUp(
  input: NewMember,
  options: { role?: MemberRole; approved?: boolean } = {},
  tell?: (tx: Transaction, result: SignUpResult) => Promise<void>,
): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const [member] = await tx
      .insert(members)
      .values({
        name: input.name,
        email: input.email.trim(),
        jobTitle: input.jobTitle,
        municipalityNumber: input.municipalityNumber,
        organisationId: input.organisationId ?? null,
        passwordHash,
        role: options.role ?? "member",
        status: options.approved ? "approved" : "pending",
        language: input.language,
      })
      .onConflictDoNothing()
      .returning();
    const result: SignUpResult = member ? { ok: true, member } : { ok: false, reason: "taken" };
    await tell?.(tx, result);
    return result;
  });
}

/** Saves name and job title unless the member changed since the form was opened (version). */
export async function updateProfile(id: number, change: { name: string; jobTitle: string; version: number }) {
  const [member] = await db()
    .update(members)
    .set({
      name: change.name,
      jobTitle: change.jobTitle,
      version: sql`${members.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(members.id, id), eq(members.version, change.version)))
    .returning();
  return member;
}

/** Sets a new password; every reset link still outstanding for the member stops working with it. */
export async function setPassword(id: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().transaction(async (tx) => {
    await tx.update(members).set({ passwordHash, updatedAt: sql`now()` }).where(eq(members.id, id));
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.memberId, id), isNull(passwordResets.usedAt)));
  });
}

/** The language the member's mail and calendar texts are written in. */
export async function setLanguage(id: number, language: Language): Promise<void> {
  await db().update(members).set({ language, updatedAt: sql`now()` }).where(eq(members.id, id));
}

export async function listPendingMembers() {
  return db()
    .select({
      id: members.id,
      name: members.name,
      email: members.email,
      jobTitle: members.jobTitle,
      createdAt: members.createdAt,
      municipalityNumber: members.municipalityNumber,
      municipalityName: municipalities.name,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(members)
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .leftJoin(organisations, eq(organisations.id, members.organisationId))
    .where(eq(members.status, "pending"))
    .orderBy(asc(members.createdAt));
}

export async function listMembersForAdmin() {
  return db()
    .select({
      id: members.id,
      name: members.name,
      email: members.email,
      role: members.role,
      status: members.status,
      municipalityName: municipalities.name,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(members)
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .leftJoin(organisations, eq(organisations.id, members.organisationId))
    .where(eq(members.status, "approved"))
    .orderBy(asc(members.name));
}

const approvedIn = (municipalityNumber: string) =>
  and(eq(members.municipalityNumber, municipalityNumber), eq(members.status, "approved"));

/** A page of a municipality's approved members, by name. */
export async function listApprovedMembersOf(municipalityNumber: string, page: { limit: number; offset: number }) {
  return db()
    .select({ id: members.id, name: members.name, jobTitle: members.jobTitle })
    .from(members)
    .where(approvedIn(municipalityNumber))
    .orderBy(asc(members.name), asc(members.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countApprovedMembersOf(municipalityNumber: string): Promise<number> {
  const [row] = await db().select({ count: sql<number>`count(*)::int` }).from(members).where(approvedIn(municipalityNumber));
  return row?.count ?? 0;
}

type Decision = "approved" | "rejected";

/** A coordinator approves or rejects a pending sign-up; answers undefined when it was not pending. */
export async function decideSignUp(actorId: number, memberId: number, decision: Decision, outer?: Transaction) {
  const action = decision === "approved" ? "member.approve" : "member.reject";
  const result = await audited(actorId, action, { type: "member", id: memberId }, async (tx) => {
    const [before] = await tx
      .select({ status: members.status })
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.status, "pending")))
      .for("update");
    if (!before) return null;
    const [member] = await tx
      .update(members)
      .set({ status: decision, decidedAt: sql`now()`, decidedBy: actorId, version: sql`${members.version} + 1` })
      .where(eq(members.id, memberId))
      .returning();
    return { before, after: { status: member!.status }, member: member! };
  }, outer);
  return result?.member;
}

export async function changeRole(actorId: number, memberId: number, role: MemberRole) {
  const result = await audited(actorId, "member.role", { type: "member", id: memberId }, async (tx) => {
    const [before] = await tx
      .select({ role: members.role })
      .from(members)
      .where(eq(members.id, memberId))
      .for("update");
    if (!before || before.role === role) return null;
    const [after] = await tx
      .update(members)
      .set({ role, version: sql`${members.version} + 1`, updatedAt: sql`now()` })
      .where(eq(members.id, memberId))
      .returning({ role: members.role });
    return { before, after: after! };
  });
  return result?.after;
}
