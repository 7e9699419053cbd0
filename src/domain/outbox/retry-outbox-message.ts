// "Retry now" on the outbox page: a failed or waiting message becomes due at once. A
// failed one starts its back-off from the beginning (attempts back to 0). A reminder
// that is not yet due is not retryable: it would go out early. The conditional update
// leaves a message alone that a worker claimed in the meantime.
import type { Db } from "../../db/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { findOutboxMessage, isRetryable, type OutboxScope } from "./outbox-messages.ts";

export type RetryResult = { kind: "retried" } | { kind: "not-found" } | { kind: "forbidden" } | { kind: "not-retryable" };

export async function retryOutboxMessage(db: Db, input: { actor: Actor; messageId: number; scope: OutboxScope }, now: Date): Promise<RetryResult> {
  return db.$transaction(async (tx): Promise<RetryResult> => {
    const found = await findOutboxMessage(tx, input.messageId, input.scope);
    if (found.kind !== "found") return found;
    const { row } = found;
    if (!isRetryable(row, now)) return { kind: "not-retryable" };
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: row.id, status: row.status, attempts: row.attempts },
      data: { status: "PENDING", nextAttemptAt: now, claimToken: null, ...(row.status === "FAILED" ? { attempts: 0 } : {}) },
    });
    if (count === 0) return { kind: "not-retryable" };
    await recordAudit(
      tx,
      {
        actor: input.actor,
        action: "outbox.retried",
        entityType: "outbox",
        entityId: row.id,
        officeId: row.booking?.officeId ?? null,
        detail: { kind: row.kind, previousStatus: row.status, attempts: row.attempts },
      },
      now,
    );
    return { kind: "retried" };
  });
}
