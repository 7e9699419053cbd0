// The outbox as staff see it. An officer sees the messages of bookings at their offices,
// and the offers of freed places there; an administrator sees all (also those whose
// booking is gone).
import type { Db, Tx } from "../../db/client.ts";
import type { OutboxStatus, Prisma } from "../../generated/prisma/client.ts";

export const OUTBOX_PAGE_SIZE = 50;
export const outboxStatuses = ["PENDING", "SENDING", "SENT", "FAILED", "WITHDRAWN"] as const satisfies ReadonlyArray<OutboxStatus>;

/** Which messages a staff member may see: null = all (administrators). */
export type OutboxScope = number[] | null;

export function scopeWhere(scope: OutboxScope): Prisma.OutboxMessageWhereInput {
  return scope === null ? {} : { OR: [{ booking: { officeId: { in: scope } } }, { offer: { officeId: { in: scope } } }] };
}

export async function listOutboxMessages(db: Db, query: { scope: OutboxScope; status: OutboxStatus | null; page: number }) {
  const where: Prisma.OutboxMessageWhereInput = { ...scopeWhere(query.scope), ...(query.status ? { status: query.status } : {}) };
  const [total, rows] = await Promise.all([
    db.outboxMessage.count({ where }),
    db.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      include: { booking: { select: { id: true, officeId: true } } },
    }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}

/** One message, if it exists ("not-found") and this staff member may see it ("forbidden"). */
export async function findOutboxMessage(db: Tx, id: number, scope: OutboxScope) {
  const row = await db.outboxMessage.findUnique({ where: { id }, include: { booking: { select: { officeId: true } }, offer: { select: { officeId: true } } } });
  if (!row) return { kind: "not-found" as const };
  const officeId = row.booking?.officeId ?? row.offer?.officeId;
  if (scope !== null && (officeId === undefined || !scope.includes(officeId))) return { kind: "forbidden" as const };
  return { kind: "found" as const, row };
}

/** Whether "retry now" makes sense: a failed message, or a pending one that is already due. */
export function isRetryable(row: { status: OutboxStatus; dueAt: Date }, now: Date): boolean {
  return row.status === "FAILED" || (row.status === "PENDING" && row.dueAt.getTime() <= now.getTime());
}
