// Who hears about a booking change, what, and when: the messages a change promises,
// written into the outbox inside the caller's transaction, so the change and its
// messages are committed together or not at all. src/emails/ renders and sends them.
import type { Tx } from "../../db/client.ts";
import { addDays, instantAt, localDateOf } from "../../local-date.ts";
import type { Booking, Office, OfficeText, OutboxMessage } from "../../generated/prisma/client.ts";
import type { Audience, MessageFacts, MessageKind } from "../../emails/message.ts";
import type { Channel } from "./reach.ts";
import { toE164 } from "../booking/phone-number.ts";

export type BookingEvent =
  | { kind: "confirmation" }
  /** reasonLang: the language the officer wrote the reason in (their staff pages' language). */
  | { kind: "cancellation"; reasonLang?: string }
  | { kind: "moved"; previous: { startsAt: Date; endsAt: Date }; reason?: string | null; reasonLang?: string };

export interface OutboxPolicy {
  /** "HH:MM" the day before the appointment, in the office's zone. */
  reminderTime: string;
  /** How long a freed place offered to the waiting list is held for an answer (default 30). */
  offerHoldMinutes?: number;
}

/** A booking with its office; with the office's texts, messages name it in the reader's language. */
type BookingWithOffice = Booking & { office: Office & { texts?: readonly OfficeText[] } };

/** One recipient of a booking's messages, and how it is reached. */
export interface Recipient {
  audience: Audience;
  channel: Channel;
  /** An email address, or an E.164 phone number for "sms". */
  recipient: string;
}

/**
 * Who hears about a booking: the client (by email, and by text message when they agreed
 * to it on the form), the caseworker as well, or only the caseworker. reachOf (reach.ts)
 * says the same in words for staff; a test holds the two together.
 */
export function recipients(booking: Booking): Recipient[] {
  if (booking.contactViaReferrer) {
    return booking.referrerEmail ? [{ audience: "caseworker", channel: "email", recipient: booking.referrerEmail }] : [];
  }
  const list: Recipient[] = [];
  if (booking.email) list.push({ audience: "client", channel: "email", recipient: booking.email });
  // Numbers are stored as E.164 since the form normalises them; one stored before that is
  // normalised here, and one that still does not parse goes as it is, for the provider
  // to refuse where staff see it (the outbox page), rather than vanish.
  if (booking.phone && booking.smsConsent) list.push({ audience: "client", channel: "sms", recipient: toE164(booking.phone) ?? booking.phone });
  if (booking.referrerEmail) list.push({ audience: "caseworker", channel: "email", recipient: booking.referrerEmail });
  return list;
}

export function reminderDueAt(startsAt: Date, zone: string, reminderTime: string): Date {
  return instantAt(addDays(localDateOf(startsAt, zone), -1), reminderTime, zone);
}

export function factsOf(booking: BookingWithOffice, event: BookingEvent): MessageFacts {
  const { office } = booking;
  // Only the languages these messages are written in: the client's and the caseworker's.
  const readers = new Set([booking.locale, booking.referrerLocale]);
  const names = Object.fromEntries((office.texts ?? []).filter((text) => readers.has(text.locale) && text.name).map((text) => [text.locale, text.name!]));
  return {
    code: booking.code,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    office: {
      slug: office.slug,
      name: office.name,
      street: office.street,
      postalCode: office.postalCode,
      city: office.city,
      timeZone: office.timeZone,
      phone: office.phone,
      email: office.email,
      deskHours: office.deskHours,
      ...(Object.keys(names).length ? { names } : {}),
    },
    name: booking.name,
    ...(booking.referrerName ? { caseworkerName: booking.referrerName } : {}),
    sequence: booking.sequence,
    ...(event.kind === "moved"
      ? { previous: { startsAt: event.previous.startsAt.toISOString(), endsAt: event.previous.endsAt.toISOString() }, ...(event.reason ? { reason: event.reason } : {}) }
      : {}),
    ...(event.kind === "cancellation"
      ? { cancelledBy: booking.cancelledBy === "staff" ? "staff" : "client", reason: booking.cancelReason, ...(booking.cancelReason ? { reasonLang: event.reasonLang ?? "nl" } : {}) }
      : {}),
  };
}

/** An outbox row to insert, as Prisma's OutboxMessage create data. */
export interface NewOutboxMessage {
  bookingId: number;
  locale: string;
  createdAt: Date;
  kind: MessageKind;
  audience: Audience;
  /** "email" unless said otherwise. */
  channel?: Channel;
  recipient: string;
  payload: string;
  dueAt: Date;
  nextAttemptAt: Date;
}

/** The whole row of a new message, as it is stored before its first attempt. */
export function outboxRow(message: NewOutboxMessage): Omit<OutboxMessage, "id"> {
  return { ...message, offerId: null, channel: message.channel ?? "email", status: "PENDING", attempts: 0, claimToken: null, claimedAt: null, lastError: null, sentAt: null, providerMessageId: null, deliveryStatus: null, deliveryReportedAt: null, erasedAt: null };
}

/**
 * The messages a booking change promises: one per recipient now, and — unless it was
 * cancelled — the reminder the day before. Cancelling or moving also withdraws the
 * pending reminder (see enqueueBookingMessages).
 */
export function bookingMessages(booking: BookingWithOffice, event: BookingEvent, now: Date, policy: OutboxPolicy): NewOutboxMessage[] {
  const payload = JSON.stringify(factsOf(booking, event));
  const base = { bookingId: booking.id, createdAt: now, payload };
  // The client reads their language; a caseworker reads the one they booked in.
  const localeOf = (audience: Audience) => (audience === "caseworker" ? (booking.referrerLocale ?? booking.locale) : booking.locale);
  const to = recipients(booking);
  const rows: NewOutboxMessage[] = to.map(({ audience, channel, recipient }) => ({ ...base, locale: localeOf(audience), kind: event.kind, audience, channel, recipient, dueAt: now, nextAttemptAt: now }));
  // The reminder goes to the first email recipient, and by text message too: a text is
  // what a client without email reads, and what they can answer to cancel.
  const reminded = [to.find((r) => r.channel === "email"), to.find((r) => r.channel === "sms")].filter((r): r is Recipient => r !== undefined);
  if (event.kind !== "cancellation" && reminded.length > 0) {
    const dueAt = reminderDueAt(booking.startsAt, booking.office.timeZone, policy.reminderTime);
    if (dueAt > now) {
      for (const { audience, channel, recipient } of reminded) rows.push({ ...base, locale: localeOf(audience), kind: "reminder", audience, channel, recipient, dueAt, nextAttemptAt: dueAt });
    }
  }
  return rows;
}

export async function enqueueBookingMessages(
  tx: Tx,
  booking: BookingWithOffice,
  event: BookingEvent,
  now: Date,
  policy: OutboxPolicy,
): Promise<void> {
  if (!booking.office.texts) booking = { ...booking, office: { ...booking.office, texts: await tx.officeText.findMany({ where: { officeId: booking.officeId } }) } };
  if (event.kind !== "confirmation") {
    // The old time's reminder would now be wrong (moved) or unwanted (cancelled).
    await tx.outboxMessage.updateMany({
      where: { bookingId: booking.id, kind: "reminder", status: "PENDING" },
      data: { status: "WITHDRAWN", payload: null },
    });
  }
  for (const data of bookingMessages(booking, event, now, policy)) await tx.outboxMessage.create({ data });
}
