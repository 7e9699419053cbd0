// Creating a booking. Over-booking is impossible at the database level: a booking holds a
// seat 1..capacity and Booking(officeId, startsAt, seat) is unique. The transaction picks
// the lowest free seat; if anything else (another process) took it first, the insert fails
// on the index and the client is told the time was just taken.
//
// This is the busiest write, so it runs as plain SQL in a transaction shared with the
// other bookings of the same moment (writeBatched): the checks, the booking, its messages
// and its audit entry are committed together or not at all, and the page says "booked"
// only once they are on disk.
import { writeBatched } from "../../db/client.ts";
import { isSqlUniqueViolation, type SqlConnection } from "../../db/direct-sql.ts";
import { bookingMessages, type OutboxPolicy } from "../../emails/outbox.ts";
import type { Booking, BookingChannel, Office } from "../../generated/prisma/client.ts";
import type { Actor } from "../audit.ts";
import { sessionStates } from "../availability/free-slots.ts";
import { officeSessions, rangeInstants } from "../availability/load-availability.ts";
import { localDateOf } from "../availability/local-date.ts";
import type { DomainDeps } from "../deps.ts";
import { newBookingCode } from "./booking-code.ts";
import { activeFutureBookingsOf, bookingByTokenHash, codeInUse, heldSeats, insertAudit, insertBooking, insertOutboxMessage, placesTakenBetween, rulesOn } from "./booking-sql.ts";
import { emailKey, phoneKey } from "./contact-keys.ts";
import { firstFreeSeat, refuseSlot, slotIn, type BookingRules, type FoundSlot } from "./find-slot.ts";
import { hashManageToken } from "./manage-token.ts";

export interface NewBooking {
  actor: Actor;
  office: Office;
  startsAt: Date;
  channel: BookingChannel;
  rules: BookingRules;
  /** The secret manage token; the same token twice means the same form was sent twice. */
  token: string;
  locale: string;
  language: string;
  interpreterNeeded: boolean;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  /** A walk-in is at the desk already: the booking starts out checked in. */
  arrived?: boolean;
  /**
   * At most this many future appointments per client email or phone (online booking);
   * absent for staff, who decide themselves.
   */
  contactLimit?: number;
  referrer?: {
    orgType: string;
    orgName: string;
    name: string;
    email: string;
    /** The language the caseworker reads (`locale` is the client's); the client's when absent. */
    locale?: string;
    contactViaReferrer: boolean;
  };
}

export type CreateBookingResult =
  /** `messages`: how many emails it put in the outbox (none when no one left an address). */
  | { kind: "created"; booking: Booking; messages: number }
  | { kind: "duplicate"; booking: Booking }
  /**
   * The form key was used before, for other details: someone else on the same computer
   * went back to a form the browser kept. They get a fresh form, not that booking.
   */
  | { kind: "form-used" }
  | { kind: "unavailable" }
  | { kind: "taken" }
  | { kind: "contact-limit"; count: number };

export async function createBooking(deps: DomainDeps, input: NewBooking, now: Date): Promise<CreateBookingResult> {
  const manageTokenHash = hashManageToken(input.token);
  const manageTokenSealed = deps.seal.seal(input.token);
  try {
    return await writeBatched(deps.db, ["Booking", "OutboxMessage", "AuditEntry"], (sql) =>
      bookIn(sql, input, { manageTokenHash, manageTokenSealed }, now, deps.outbox),
    );
  } catch (error) {
    if (!isSqlUniqueViolation(error)) throw error;
    // Another process took the seat (or sent the same form) between our read and write.
    const earlier = await deps.db.booking.findUnique({ where: { manageTokenHash } });
    return earlier ? sameFormAgain(earlier, input) : { kind: "taken" };
  }
}

/**
 * A form sent again finds the booking it made. A client's form must also hold the same
 * details (office, time, name, contact): anything else is another person at a shared
 * computer who went back to the form, and must not be shown that booking. Staff forms
 * are sent from staff accounts: there the booking made is always the answer.
 */
function sameFormAgain(earlier: Booking, input: NewBooking): CreateBookingResult {
  if (input.actor.type === "staff") return { kind: "duplicate", booking: earlier };
  const same =
    earlier.officeId === input.office.id &&
    earlier.startsAt.getTime() === input.startsAt.getTime() &&
    earlier.name !== null &&
    earlier.name.trim().toLowerCase() === input.name.trim().toLowerCase() &&
    earlier.emailKey === emailKey(input.email) &&
    earlier.phoneKey === phoneKey(input.phone);
  return same ? { kind: "duplicate", booking: earlier } : { kind: "form-used" };
}

/** The slot at `startsAt` with its places as they are inside this transaction. */
function slotNow(sql: SqlConnection, office: Office, startsAt: Date, now: Date): FoundSlot | null {
  const day = localDateOf(startsAt, office.timeZone);
  const range = { from: day, to: day };
  const sessions = officeSessions(office, range, rulesOn(sql, office.id, day));
  if (sessions.length === 0) return null;
  const span = rangeInstants(office, range);
  const taken = placesTakenBetween(sql, office.id, span.from, span.to);
  return slotIn(sessionStates({ sessions, zone: office.timeZone, taken, now }), startsAt);
}

function bookIn(
  sql: SqlConnection,
  input: NewBooking,
  token: { manageTokenHash: string; manageTokenSealed: string },
  now: Date,
  policy: OutboxPolicy,
): CreateBookingResult {
  const earlier = bookingByTokenHash(sql, token.manageTokenHash);
  if (earlier) return sameFormAgain(earlier, input);

  const found = slotNow(sql, input.office, input.startsAt, now);
  const refusal = refuseSlot(found, input.rules, now);
  if (refusal || !found) return { kind: refusal ?? "unavailable" };
  const { slot, session } = found;
  const keys = { emailKey: emailKey(input.email), phoneKey: phoneKey(input.phone) };
  if (input.contactLimit !== undefined && (keys.emailKey || keys.phoneKey)) {
    const count = activeFutureBookingsOf(sql, keys, now);
    if (count >= input.contactLimit) return { kind: "contact-limit", count };
  }
  const seat = firstFreeSeat(heldSeats(sql, input.office.id, slot.startsAt));

  let code = newBookingCode();
  while (codeInUse(sql, code)) code = newBookingCode();

  const booking = insertBooking(sql, {
    code,
    ...token,
    officeId: input.office.id,
    seriesId: session.session.seriesId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    seat,
    channel: input.channel,
    locale: input.locale,
    language: input.language,
    interpreterNeeded: input.interpreterNeeded,
    name: input.name,
    phone: input.phone,
    email: input.email,
    note: input.note,
    ...keys,
    referrerOrgType: input.referrer?.orgType ?? null,
    referrerOrgName: input.referrer?.orgName ?? null,
    referrerName: input.referrer?.name ?? null,
    referrerEmail: input.referrer?.email ?? null,
    referrerLocale: input.referrer?.locale ?? null,
    contactViaReferrer: input.referrer?.contactViaReferrer ?? false,
    checkedInAt: input.arrived ? now : null,
    createdAt: now,
  });
  const messages = bookingMessages({ ...booking, office: input.office }, { kind: "confirmation" }, now, policy);
  for (const message of messages) insertOutboxMessage(sql, message);
  insertAudit(
    sql,
    { actor: input.actor, action: "booking.created", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { channel: booking.channel, startsAt: booking.startsAt.toISOString() } },
    now,
  );
  return { kind: "created", booking, messages: messages.length };
}
