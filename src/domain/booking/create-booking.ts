// Creating a booking. Over-booking is impossible at the database level: a booking holds a
// seat 1..capacity and Booking(officeId, startsAt, seat) is unique. The transaction picks
// the lowest free seat; if anything else (another process) took it first, the insert fails
// on the index and the client is told the time was just taken.
//
// This is the busiest write, so the engine runs it as plain SQL in one transaction (on
// SQLite shared with the other bookings of the same moment): it reads what the checks
// need, decide() below makes every choice, and the booking, its messages and its audit
// entry are committed together or not at all. The page says "booked" only after that.
import { engineOf } from "../../db/client.ts";
import type { BookingDecision, BookingFacts } from "../../db/engine.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { searchNameOf } from "../../db/search-name.ts";
import { bookingMessages, outboxRow, type OutboxPolicy } from "../outbox/booking-messages.ts";
import type { Booking, BookingChannel, Office } from "../../generated/prisma/client.ts";
import { auditRow, type Actor } from "../audit/audit-entry.ts";
import { sessionStates } from "../availability/free-slots.ts";
import { dayPlan } from "../availability/day-plan.ts";
import { rangeInstants } from "../availability/load-availability.ts";
import { localDateOf } from "../../local-date.ts";
import type { DomainDeps } from "../deps.ts";
import { newBookingCode } from "./booking-code.ts";
import { emailKey, phoneKey } from "./contact-keys.ts";
import { firstFreeSeat, refuseSlot, slotIn, type BookingRules } from "./find-slot.ts";
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
  /** The client agreed to get text messages at `phone` (only meaningful with a phone). */
  smsConsent?: boolean;
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

/** Tries this many booking codes before giving up (one is taken once in ~10^7 bookings). */
const CODE_ATTEMPTS = 5;

export async function createBooking(deps: DomainDeps, input: NewBooking, now: Date): Promise<CreateBookingResult> {
  const manageTokenHash = hashManageToken(input.token);
  const token = { manageTokenHash, manageTokenSealed: deps.seal.seal(input.token) };
  const day = localDateOf(input.startsAt, input.office.timeZone);
  const span = rangeInstants(input.office, { from: day, to: day });
  const keys = { emailKey: emailKey(input.email), phoneKey: phoneKey(input.phone) };
  const engine = engineOf(deps.db);
  try {
    for (let attempt = 1; ; attempt++) {
      const code = newBookingCode();
      const query = { officeId: input.office.id, startsAt: input.startsAt, day, dayFrom: span.from, dayTo: span.to, manageTokenHash, contactKeys: input.contactLimit === undefined ? null : keys, code, now };
      const outcome = await engine.book(query, (facts) => decide(facts, input, { code, token, keys }, now, deps.outbox));
      if (outcome.kind === "earlier") return sameFormAgain(await deps.db.booking.findUniqueOrThrow({ where: { id: outcome.id } }), input);
      if (outcome.kind !== "code-taken") return outcome;
      if (attempt >= CODE_ATTEMPTS) throw new Error("no free booking code found");
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
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

type Outcome = CreateBookingResult | { kind: "earlier"; id: number } | { kind: "code-taken" };

/** Every choice of a booking, from what the transaction read: pure. */
function decide(
  facts: BookingFacts,
  input: NewBooking,
  fixed: { code: string; token: { manageTokenHash: string; manageTokenSealed: string }; keys: { emailKey: string | null; phoneKey: string | null } },
  now: Date,
  policy: OutboxPolicy,
): BookingDecision<Outcome> {
  const answer = (result: Outcome): BookingDecision<Outcome> => ({ kind: "answer", answer: result });
  if (facts.earlierId !== null) return answer({ kind: "earlier", id: facts.earlierId });

  const { office } = input;
  const plan = dayPlan(office, localDateOf(input.startsAt, office.timeZone), facts);
  // Only the session that holds the slot matters here.
  const at = input.startsAt.getTime();
  const holding = plan.sessions.find((s) => plan.slots.get(s)!.some((slot) => slot.startsAt.getTime() === at));
  const found = holding ? slotIn(sessionStates({ sessions: [holding], zone: office.timeZone, taken: facts.taken, now, slotsFor: (s) => plan.slots.get(s)! }), input.startsAt) : null;
  const refusal = refuseSlot(found, input.rules, now);
  if (refusal || !found) return answer({ kind: refusal ?? "unavailable" });
  if (input.contactLimit !== undefined && (fixed.keys.emailKey || fixed.keys.phoneKey) && facts.contactCount >= input.contactLimit) {
    return answer({ kind: "contact-limit", count: facts.contactCount });
  }
  if (facts.codeTaken) return answer({ kind: "code-taken" });
  const { slot, session } = found;

  let messages = 0;
  return {
    kind: "write",
    booking: {
      code: fixed.code,
      ...fixed.token,
      officeId: office.id,
      seriesId: session.session.seriesId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      seat: firstFreeSeat(facts.heldSeats),
      status: "BOOKED",
      channel: input.channel,
      locale: input.locale,
      language: input.language,
      interpreterNeeded: input.interpreterNeeded,
      name: input.name,
      searchName: searchNameOf(input.name),
      phone: input.phone,
      email: input.email,
      note: input.note,
      ...fixed.keys,
      referrerOrgType: input.referrer?.orgType ?? null,
      referrerOrgName: input.referrer?.orgName ?? null,
      referrerName: input.referrer?.name ?? null,
      referrerEmail: input.referrer?.email ?? null,
      referrerLocale: input.referrer?.locale ?? null,
      contactViaReferrer: input.referrer?.contactViaReferrer ?? false,
      smsConsent: input.phone !== null && (input.smsConsent ?? false),
      sequence: 0,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
      checkedInAt: input.arrived ? now : null,
      outcomeAt: null,
      erasedAt: null,
      createdAt: now,
    },
    rowsFor: (booking) => {
      const rows = bookingMessages({ ...booking, office }, { kind: "confirmation" }, now, policy).map(outboxRow);
      messages = rows.length;
      const detail = { channel: booking.channel, startsAt: booking.startsAt.toISOString() };
      return { messages: rows, audit: auditRow({ actor: input.actor, action: "booking.created", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail }, now) };
    },
    answer: (booking) => ({ kind: "created", booking, messages }),
  };
}
