// Check-in by booking code, as a scanner or a person at the desk types it: the code
// finds the booking, and only a booking of this office and today is checked in (through
// recordDeskAction, so it gets its queue number in the same transaction). Every other
// case is an answer the desk can act on; none changes anything.
import type { Booking, QueueTicket } from "../../generated/prisma/client.ts";
import { localDateOf } from "../../local-date.ts";
import type { Actor } from "../audit/audit-entry.ts";
import { parseBookingCode } from "../booking/booking-code.ts";
import { recordDeskAction } from "../booking/record-outcome.ts";
import type { DomainDeps } from "../deps.ts";
import { ticketForArrival } from "./give-ticket.ts";

export type ScanResult =
  | { kind: "checked-in" | "already" | "seen" | "absent" | "other-day" | "cancelled"; booking: Booking; ticket: QueueTicket | null }
  | { kind: "other-office"; booking: Booking }
  | { kind: "unknown" };

export async function checkInByCode(deps: DomainDeps, input: { actor: Actor; office: { id: number; timeZone: string }; typed: string }, now: Date): Promise<ScanResult> {
  const code = parseBookingCode(input.typed);
  const found = code ? await deps.db.booking.findUnique({ where: { code } }) : null;
  if (!found || found.erasedAt) return { kind: "unknown" };
  if (found.officeId !== input.office.id) return { kind: "other-office", booking: found };
  const ticketOf = (booking: Booking) => deps.db.queueTicket.findUnique({ where: { bookingId: booking.id } });
  if (found.status === "CANCELLED") return { kind: "cancelled", booking: found, ticket: null };
  if (localDateOf(found.startsAt, input.office.timeZone) !== localDateOf(now, input.office.timeZone)) return { kind: "other-day", booking: found, ticket: null };
  if (found.status === "ATTENDED") return { kind: "seen", booking: found, ticket: await ticketOf(found) };
  if (found.status === "NO_SHOW") return { kind: "absent", booking: found, ticket: null };
  const result = await recordDeskAction(deps, { actor: input.actor, bookingId: found.id, action: "check-in" }, now);
  if (result.kind !== "done") return { kind: "cancelled", booking: found, ticket: null };
  // Checked in before queue numbers existed (or another way): the scan gives the number now.
  const ticket = (await ticketOf(result.booking)) ?? (await ticketForArrival(deps, { actor: input.actor, booking: result.booking, timeZone: input.office.timeZone }, now));
  return { kind: result.changed ? "checked-in" : "already", booking: result.booking, ticket };
}
