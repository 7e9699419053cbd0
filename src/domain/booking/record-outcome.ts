// What happens at the desk: a client arrives (check-in, with the time), is seen
// (attended) or does not come (no-show); a mistaken mark can be undone. Each is a
// conditional update, so doing it twice (two screens, a double click) changes nothing.
// Arrival and outcome belong to the day of the appointment or later, never to a day that
// has not come yet; undo stays possible on any day, so an early mark can be taken back.
// A no-show is known only once the appointment's time has come: before that it is refused.
// Arrival gives a queue number (queue/give-ticket.ts) in the same transaction.
import type { Booking } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { localDateOf } from "../../local-date.ts";
import type { DomainDeps } from "../deps.ts";
import { giveTicket } from "../queue/give-ticket.ts";

export type DeskAction = "check-in" | "attended" | "no-show" | "undo";

export interface DeskInput {
  actor: Actor;
  bookingId: number;
  action: DeskAction;
}

export type DeskResult = { kind: "done"; booking: Booking; changed: boolean } | { kind: "not-found" } | { kind: "too-early" } | { kind: "not-started"; booking: Booking };

export async function recordDeskAction(deps: DomainDeps, input: DeskInput, now: Date): Promise<DeskResult> {
  return deps.db.$transaction(async (tx) => {
    const found = await tx.booking.findUnique({ where: { id: input.bookingId }, include: { office: { select: { timeZone: true } } } });
    if (!found || found.status === "CANCELLED") return { kind: "not-found" as const };
    const { office, ...booking } = found;
    if (input.action !== "undo" && localDateOf(booking.startsAt, office.timeZone) > localDateOf(now, office.timeZone)) return { kind: "too-early" as const };
    if (input.action === "no-show" && now < booking.startsAt) return { kind: "not-started" as const, booking };
    const where = { id: booking.id };
    let data: Parameters<typeof tx.booking.updateMany>[0]["data"] | null = null;
    switch (input.action) {
      case "check-in":
        if (booking.status === "BOOKED" && !booking.checkedInAt) data = { checkedInAt: now };
        break;
      case "attended":
        if (booking.status !== "ATTENDED") data = { status: "ATTENDED", outcomeAt: now, checkedInAt: booking.checkedInAt ?? now };
        break;
      case "no-show":
        if (booking.status !== "NO_SHOW") data = { status: "NO_SHOW", outcomeAt: now, checkedInAt: null };
        break;
      case "undo":
        // Undo the latest mark: an outcome first, otherwise the check-in.
        if (booking.status === "ATTENDED" || booking.status === "NO_SHOW") data = { status: "BOOKED", outcomeAt: null };
        else if (booking.checkedInAt) data = { checkedInAt: null };
        break;
    }
    if (!data) return { kind: "done" as const, booking, changed: false };
    const { count } = await tx.booking.updateMany({ where: { ...where, status: booking.status, checkedInAt: booking.checkedInAt }, data });
    const updated = await tx.booking.findUniqueOrThrow({ where });
    // Another desk marked it first (PostgreSQL: it waited for that desk's row lock).
    if (count === 0) return { kind: "done" as const, booking: updated, changed: false };
    await recordAudit(
      tx,
      { actor: input.actor, action: `booking.${input.action}`, entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { status: updated.status } },
      now,
    );
    // Arriving gives the client the day's next queue number (once: a second arrival after
    // an undo keeps the first number).
    if (input.action === "check-in") await giveTicket(tx, { actor: input.actor, booking: updated, timeZone: office.timeZone }, now);
    return { kind: "done" as const, booking: updated, changed: true };
  });
}
