// "Call next": the first ticket in call order is called to a room or desk, and the
// calling screen shows its number. The form carries the latest call the desk saw: when
// another call came in between (another desk, or this form sent twice) nobody more is
// called, and the desk sees who was. A number can be called again (recall).
import { localDateOf } from "../../local-date.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { lastCallMark, loadQueue, type QueuedTicket } from "./queue-state.ts";

export type CallResult = { kind: "called"; ticket: QueuedTicket } | { kind: "stale"; latest: QueuedTicket | null } | { kind: "nobody" };

interface CallInput {
  actor: Actor & { type: "staff"; id: number };
  office: { id: number; timeZone: string };
  /** Room or desk, as the screen shows it ("Balie 2"). */
  to: string;
  /** lastCallMark of the page the desk called from. */
  seen: string;
}

export async function callNext(deps: DomainDeps, input: CallInput, now: Date): Promise<CallResult> {
  return deps.db.$transaction(async (tx) => {
    const queue = await loadQueue(tx, input.office.id, localDateOf(now, input.office.timeZone), now);
    if (lastCallMark(queue.called) !== input.seen) return { kind: "stale" as const, latest: queue.called[0] ?? null };
    const next = queue.waiting[0];
    if (!next) return { kind: "nobody" as const };
    const { count } = await tx.queueTicket.updateMany({ where: { id: next.id, calledAt: null }, data: { calledAt: now, calledTo: input.to, calledBy: input.actor.id, calls: 1 } });
    // Another desk called this one first (PostgreSQL: after waiting for its row lock).
    if (count === 0) return { kind: "stale" as const, latest: null };
    await recordAudit(tx, { actor: input.actor, action: "ticket.called", entityType: "ticket", entityId: next.id, officeId: next.officeId, detail: { number: next.number, to: input.to } }, now);
    return { kind: "called" as const, ticket: { ...next, calledAt: now, calledTo: input.to, calledBy: input.actor.id, calls: 1 } };
  });
}

/** Calls a number again (to the desk given); `calls` is what the desk saw, so a resend changes nothing. */
export async function recallTicket(deps: DomainDeps, input: { actor: Actor & { id: number }; office: { id: number; timeZone: string }; ticketId: number; calls: number; to: string }, now: Date): Promise<QueuedTicket | null> {
  return deps.db.$transaction(async (tx) => {
    const ticket = await tx.queueTicket.findFirst({ where: { id: input.ticketId, officeId: input.office.id, date: localDateOf(now, input.office.timeZone), calledAt: { not: null } }, include: { booking: true } });
    if (!ticket) return null;
    const { count } = await tx.queueTicket.updateMany({ where: { id: ticket.id, calls: input.calls }, data: { calledAt: now, calledTo: input.to, calledBy: input.actor.id, calls: input.calls + 1 } });
    if (count === 0) return ticket;
    await recordAudit(tx, { actor: input.actor, action: "ticket.recalled", entityType: "ticket", entityId: ticket.id, officeId: ticket.officeId, detail: { number: ticket.number, to: input.to, calls: input.calls + 1 } }, now);
    return { ...ticket, calledAt: now, calledTo: input.to, calls: input.calls + 1 };
  });
}
