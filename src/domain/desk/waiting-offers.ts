// Freed places offered to the waiting list. When a booking of today or tomorrow is
// cancelled and someone waits for its session, the place is offered to the first of them:
// by text message and/or email with a link to answer (or a text reply), otherwise shown to
// reception as "call this person". The offer holds for a while (OutboxPolicy.offerHoldMinutes);
// then, or when the person declines, it goes to the next one; with nobody left the place
// is freed for anyone to book.
//
// The place is held by the cancelled booking itself: it keeps its seat while an offer is
// open, so Booking(officeId, startsAt, seat) keeps anyone else out of it, and accepting
// moves that seat to the new booking in one transaction. WaitingOffer.openPlace and
// openEntry are unique: one open offer per place and per person, whatever the races.
// Answering an offer is answer-offer.ts; ending offers by the clock or by staff, end-offers.ts.
import { engineOf, type Tx } from "../../db/client.ts";
import type { Booking, Office, WaitingListEntry, WaitingOffer } from "../../generated/prisma/client.ts";
import { addDays, localDateOf } from "../../local-date.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { recordAudit } from "../audit/audit-entry.ts";
import { hashManageToken, newManageToken } from "../booking/manage-token.ts";
import { factsOf } from "../outbox/booking-messages.ts";
import type { DomainDeps } from "../deps.ts";
import type { MessageFacts } from "../../emails/message.ts";

export const DEFAULT_OFFER_HOLD_MINUTES = 30;

export type PlaceBooking = Booking & { office: Office };

/** How an offer reaches its person, from the contact details on their entry. */
export function offerChannel(entry: Pick<WaitingListEntry, "phone" | "smsConsent" | "email">): string {
  const ways = [entry.phone && entry.smsConsent ? "sms" : null, entry.email ? "email" : null].filter(Boolean);
  return ways.length ? ways.join(" ") : "call";
}

/** The session (its start time) and the places of the slot at `startsAt`, or null when no session holds it any more. */
export async function slotOf(tx: Tx, office: OfficeRef, startsAt: Date, now: Date): Promise<{ sessionStart: string; capacity: number } | null> {
  const day = localDateOf(startsAt, office.timeZone);
  const states = await loadAvailability(tx, office, { from: day, to: day }, now);
  for (const state of states) {
    const slot = state.slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
    if (slot) return { sessionStart: state.session.startTime, capacity: slot.capacity };
  }
  return null;
}

/** Whether a held seat is still a place of the schedule: its slot exists and has that many places. */
export async function placeStands(tx: Tx, office: OfficeRef, place: { startsAt: Date; seat: number | null }, now: Date): Promise<boolean> {
  const slot = place.seat === null ? null : await slotOf(tx, office, place.startsAt, now);
  return slot !== null && place.seat! <= slot.capacity;
}

/**
 * Every transaction that makes, answers or ends an offer first takes the slot's lock
 * (after the office's, shared: a schedule change of the office waits, and waits for
 * them): on several app servers they take turns per place, in the one lock order of
 * src/db/postgres/locks.ts.
 */
export const lockPlace = (tx: Tx, deps: DomainDeps, officeId: number, startsAt: Date) => engineOf(deps.db).lockSlot(tx, officeId, startsAt);

/** Whether a freed place is offered at all: today's or tomorrow's, and not begun. */
function worthOffering(place: PlaceBooking, now: Date): boolean {
  const zone = place.office.timeZone;
  const today = localDateOf(now, zone);
  const day = localDateOf(place.startsAt, zone);
  return place.startsAt.getTime() > now.getTime() && (day === today || day === addDays(today, 1));
}

/**
 * Inside the transaction that has just cancelled `place` (which still holds its seat):
 * offers the place to the next person waiting for its session who has not been offered it
 * yet, or lets the seat go. Returns the offer made, if any.
 */
export async function offerPlaceOrFree(tx: Tx, deps: DomainDeps, place: PlaceBooking, now: Date): Promise<WaitingOffer | null> {
  if (place.seat === null) return null;
  const worth = worthOffering(place, now);
  if (worth) await lockPlace(tx, deps, place.officeId, place.startsAt);
  const offer = worth ? await offerToNext(tx, deps, place, now) : null;
  if (!offer) await tx.booking.update({ where: { id: place.id }, data: { seat: null } });
  return offer;
}

async function offerToNext(tx: Tx, deps: DomainDeps, place: PlaceBooking, now: Date): Promise<WaitingOffer | null> {
  const { office } = place;
  const waitingThatDay = { officeId: office.id, date: localDateOf(place.startsAt, office.timeZone), status: "waiting", erasedAt: null };
  // Most cancellations find nobody waiting: that costs one indexed read, not the day's schedule.
  if ((await tx.waitingListEntry.count({ where: waitingThatDay })) === 0) return null;
  const slot = await slotOf(tx, office, place.startsAt, now);
  // A place the schedule no longer has (its session changed or has fewer places now) is not offered.
  if (!slot || place.seat! > slot.capacity) return null;
  const { sessionStart } = slot;
  const candidates = await tx.waitingListEntry.findMany({
    where: { ...waitingThatDay, sessionStart, offers: { none: { placeBookingId: place.id } } },
    orderBy: { id: "asc" },
    take: 10,
  });
  for (const entry of candidates) {
    // The conditional update is the claim: of two cancellations at once, one gets this person.
    const { count } = await tx.waitingListEntry.updateMany({ where: { id: entry.id, status: "waiting" }, data: { status: "offered" } });
    if (count === 1) return makeOffer(tx, deps, place, entry, now);
  }
  return null;
}

async function makeOffer(tx: Tx, deps: DomainDeps, place: PlaceBooking, entry: WaitingListEntry, now: Date): Promise<WaitingOffer> {
  const token = newManageToken();
  const channel = offerChannel(entry);
  const hold = (deps.outbox.offerHoldMinutes ?? DEFAULT_OFFER_HOLD_MINUTES) * 60_000;
  const expiresAt = new Date(Math.min(now.getTime() + hold, place.startsAt.getTime()));
  const offer = await tx.waitingOffer.create({
    data: {
      officeId: place.officeId,
      entryId: entry.id,
      placeBookingId: place.id,
      startsAt: place.startsAt,
      endsAt: place.endsAt,
      channel,
      status: "open",
      openPlace: place.id,
      openEntry: entry.id,
      tokenHash: hashManageToken(token),
      tokenSealed: channel === "call" ? null : deps.seal.seal(token),
      createdAt: now,
      expiresAt,
    },
  });
  if (channel !== "call") {
    const texts = await tx.officeText.findMany({ where: { officeId: place.officeId } });
    // The facts of the place, in the words of a booking's messages, for this person.
    const facts: MessageFacts = {
      ...factsOf({ ...place, office: { ...place.office, texts }, code: "", name: entry.name, locale: entry.locale, referrerLocale: null, referrerName: null, sequence: 0 }, { kind: "confirmation" }),
      offer: { id: offer.id, until: expiresAt.toISOString() },
    };
    const payload = JSON.stringify(facts);
    const to = [
      entry.phone && entry.smsConsent ? { channel: "sms", recipient: entry.phone } : null,
      entry.email ? { channel: "email", recipient: entry.email } : null,
    ].filter((r) => r !== null);
    for (const { channel: way, recipient } of to) {
      await tx.outboxMessage.create({ data: { offerId: offer.id, kind: "offer", audience: "client", channel: way, recipient, locale: entry.locale, payload, dueAt: now, nextAttemptAt: now, createdAt: now } });
    }
  }
  await recordAudit(
    tx,
    { actor: { type: "system" }, action: "waiting.offered", entityType: "waiting", entityId: entry.id, officeId: place.officeId, detail: { offer: offer.id, channel, startsAt: place.startsAt.toISOString() } },
    now,
  );
  return offer;
}

/** Ends an open offer (conditionally: false when it had ended already). */
export async function closeOffer(tx: Tx, offer: WaitingOffer, status: "accepted" | "declined" | "expired" | "withdrawn", by: string, now: Date): Promise<boolean> {
  const { count } = await tx.waitingOffer.updateMany({
    where: { id: offer.id, status: "open" },
    data: { status, openPlace: null, openEntry: null, tokenSealed: null, answeredAt: now, answeredBy: by },
  });
  return count === 1;
}

/** After an offer ended without a booking: the person waits again, the place goes on. */
export async function passOn(tx: Tx, deps: DomainDeps, offer: WaitingOffer, now: Date): Promise<WaitingOffer | null> {
  await tx.waitingListEntry.updateMany({ where: { id: offer.entryId, status: "offered" }, data: { status: "waiting" } });
  const place = await tx.booking.findUnique({ where: { id: offer.placeBookingId }, include: { office: true } });
  if (!place || place.status !== "CANCELLED") return null;
  return offerPlaceOrFree(tx, deps, place, now);
}

/** An offer still open at `now` (its hold time not passed). */
export const isOpen = (offer: Pick<WaitingOffer, "status" | "expiresAt">, now: Date) => offer.status === "open" && offer.expiresAt.getTime() > now.getTime();
