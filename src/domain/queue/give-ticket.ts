// A queue number for a client who has arrived: the next of the office's day, given once
// per booking. The number comes from one atomic statement on QueueCounter (an insert that
// turns into an increment when the day's row exists), so two desks, or two app servers,
// checking in at the same moment get different numbers; on PostgreSQL the second waits
// for the first's row lock and reads its increment. The unique index on
// (officeId, date, number) guarantees it whatever the code does.
import type { Db, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { QueueTicket } from "../../generated/prisma/client.ts";
import { localDateOf } from "../../local-date.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";

async function nextNumber(tx: Tx, officeId: number, date: string): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ last: number | bigint }>>`
    INSERT INTO "QueueCounter" ("officeId", "date", "last") VALUES (${officeId}, ${date}, 1)
    ON CONFLICT ("officeId", "date") DO UPDATE SET "last" = "QueueCounter"."last" + 1
    RETURNING "last"`;
  const last = rows[0]?.last;
  if (last === undefined) throw new Error("the queue counter returned no number");
  return Number(last);
}

/**
 * The booking's ticket: the one it has, or a new one for today. Call inside the
 * transaction that records the arrival, so an arrival never lacks its number.
 */
export async function giveTicket(tx: Tx, input: { actor: Actor; booking: { id: number; officeId: number }; timeZone: string }, now: Date): Promise<QueueTicket> {
  const existing = await tx.queueTicket.findUnique({ where: { bookingId: input.booking.id } });
  if (existing) return existing;
  const date = localDateOf(now, input.timeZone);
  const number = await nextNumber(tx, input.booking.officeId, date);
  const ticket = await tx.queueTicket.create({ data: { officeId: input.booking.officeId, date, number, bookingId: input.booking.id, createdAt: now } });
  await recordAudit(tx, { actor: input.actor, action: "ticket.given", entityType: "ticket", entityId: ticket.id, officeId: ticket.officeId, detail: { number, booking: input.booking.id } }, now);
  return ticket;
}

/**
 * The ticket of a client who arrived without recordDeskAction (a walk-in is booked as
 * arrived). Two requests at once for one booking: the unique index on bookingId refuses
 * the second ticket, and the second request returns the first's.
 */
export async function ticketForArrival(deps: { db: Db }, input: { actor: Actor; booking: { id: number; officeId: number }; timeZone: string }, now: Date): Promise<QueueTicket> {
  try {
    return await deps.db.$transaction((tx) => giveTicket(tx, input, now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return deps.db.queueTicket.findUniqueOrThrow({ where: { bookingId: input.booking.id } });
  }
}
