import { auditEvents } from "../../db/schema";
import { db, type Transaction } from "~/db.server";

export interface AuditSubject {
  type: string;
  id: string | number;
}

/**
 * Runs a coordinator's or admin's write and records it in the audit log in the same transaction:
 * either both happen or neither. The write returns the record before and after, or null when it
 * changed nothing (then nothing is logged). A new record's id, unknown
 * before the write, comes back as `subjectId`. Given a transaction (`outer`), it runs inside it, so that
 * one action may change two areas atomically; otherwise in a new one.
 */
export async function audited<T extends { before: unknown; after: unknown; subjectId?: string | number }>(
  actorId: number,
  action: string,
  subject: AuditSubject,
  write: (tx: Transaction) => Promise<T | null>,
  outer?: Transaction,
): Promise<T | null> {
  const run = async (tx: Transaction) => {
    const result = await write(tx);
    if (!result) return null;
    await tx.insert(auditEvents).values({
      actorId,
      action,
      subjectType: subject.type,
      subjectId: String(result.subjectId ?? subject.id),
      before: result.before ?? null,
      after: result.after ?? null,
    });
    return result;
  };
  return outer ? run(outer) : db().transaction(run);
}
