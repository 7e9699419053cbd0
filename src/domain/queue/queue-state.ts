// The day's queue at one office: who has a number and waits, in the order "call next"
// takes them, and the numbers called so far (newest first).
import type { Db, Tx } from "../../db/client.ts";
import type { Booking, QueueTicket } from "../../generated/prisma/client.ts";

export type QueuedTicket = QueueTicket & { booking: Booking };

export interface QueueState {
  /** Waiting to be called, in the order call-next takes them. */
  waiting: QueuedTicket[];
  /** Called, the latest call first. */
  called: QueuedTicket[];
}

/**
 * Call order: a booked client whose appointment time has come, earliest appointment
 * first; then walk-ins, and booked clients who came early, in the order they arrived
 * (their number). Someone whose time has come is never passed over for a walk-in.
 */
export function callOrder(waiting: QueuedTicket[], now: Date): QueuedTicket[] {
  const due = (t: QueuedTicket) => t.booking.channel !== "WALK_IN" && t.booking.startsAt.getTime() <= now.getTime();
  return [...waiting].sort((a, b) => {
    const [da, db] = [due(a), due(b)];
    if (da !== db) return da ? -1 : 1;
    if (da) return a.booking.startsAt.getTime() - b.booking.startsAt.getTime() || a.number - b.number;
    return a.number - b.number;
  });
}

/** Whether a ticket still waits: its client arrived and has not been seen or marked absent. */
export const stillWaiting = (t: QueuedTicket) => t.calledAt === null && t.booking.status === "BOOKED" && t.booking.checkedInAt !== null;

export async function loadQueue(db: Db | Tx, officeId: number, date: string, now: Date): Promise<QueueState> {
  const tickets = await db.queueTicket.findMany({ where: { officeId, date }, include: { booking: true }, orderBy: { number: "asc" } });
  return {
    waiting: callOrder(tickets.filter(stillWaiting), now),
    called: tickets.filter((t) => t.calledAt !== null).sort((a, b) => b.calledAt!.getTime() - a.calledAt!.getTime() || b.id - a.id),
  };
}

/** What identifies the latest call (a recall changes it too): the form of call-next carries it. */
export function lastCallMark(called: QueueTicket[]): string {
  const last = called[0];
  return last ? `${last.id}.${last.calls}` : "none";
}
