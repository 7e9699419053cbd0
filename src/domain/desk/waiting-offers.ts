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
import { engineOf, type Tx } from "../../db/client.ts";
import { retryOnConflict } from "../../db/errors.ts";
import type { Booking, Office, WaitingListEntry, WaitingOffer } from "../../generated/prisma/client.ts";
import { addDays, localDateOf } from "../../local-date.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { newBookingCode } from "../booking/booking-code.ts";
import { emailKey, phoneKey } from "../booking/contact-keys.ts";
import { hashManageToken, isManageToken, newManageToken } from "../booking/manage-token.ts";
import { searchNameOf } from "../../db/search-name.ts";
import { enqueueBookingMessages, factsOf } from "../outbox/booking-messages.ts";
import type { DomainDeps } from "../deps.ts";
import type { MessageFacts } from "../../emails/message.ts";

export const DEFAULT_OFFER_HOLD_MINUTES = 30;

type PlaceBooking = Booking & { office: Office };

/** How an offer reaches its person, from the contact details on their entry. */
export function offerChannel(entry: Pick<WaitingListEntry, "phone" | "smsConsent" | "email">): string {
  const ways = [entry.phone && entry.smsConsent ? "sms" : null, entry.email ? "email" : null].filter(Boolean);
  return ways.length ? ways.join(" ") : "call";
}

/** The session (its start time) and the places of the slot at `startsAt`, or null when no session holds it any more. */
async function slotOf(tx: Tx, office: OfficeRef, startsAt: Date, now: Date): Promise<{ sessionStart: string; capacity: number } | null> {
  const day = localDateOf(startsAt, office.timeZone);
  const states = await loadAvailability(tx, office, { from: day, to: day }, now);
  for (const state of states) {
    const slot = state.slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
    if (slot) return { sessionStart: state.session.startTime, capacity: slot.capacity };
  }
  return null;
}

/** Whether a held seat is still a place of the schedule: its slot exists and has that many places. */
async function placeStands(tx: Tx, office: OfficeRef, place: { startsAt: Date; seat: number | null }, now: Date): Promise<boolean> {
  const slot = place.seat === null ? null : await slotOf(tx, office, place.startsAt, now);
  return slot !== null && place.seat! <= slot.capacity;
}

/**
 * Every transaction that makes, answers or ends an offer first takes the slot's lock
 * (after the office's, shared: a schedule change of the office waits, and waits for
 * them): on several app servers they take turns per place, in the one lock order of
 * src/db/postgres/locks.ts.
 */
const lockPlace = (tx: Tx, deps: DomainDeps, officeId: number, startsAt: Date) => engineOf(deps.db).lockSlot(tx, officeId, startsAt);

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
async function closeOffer(tx: Tx, offer: WaitingOffer, status: "accepted" | "declined" | "expired" | "withdrawn", by: string, now: Date): Promise<boolean> {
  const { count } = await tx.waitingOffer.updateMany({
    where: { id: offer.id, status: "open" },
    data: { status, openPlace: null, openEntry: null, tokenSealed: null, answeredAt: now, answeredBy: by },
  });
  return count === 1;
}

/** After an offer ended without a booking: the person waits again, the place goes on. */
async function passOn(tx: Tx, deps: DomainDeps, offer: WaitingOffer, now: Date): Promise<WaitingOffer | null> {
  await tx.waitingListEntry.updateMany({ where: { id: offer.entryId, status: "offered" }, data: { status: "waiting" } });
  const place = await tx.booking.findUnique({ where: { id: offer.placeBookingId }, include: { office: true } });
  if (!place || place.status !== "CANCELLED") return null;
  return offerPlaceOrFree(tx, deps, place, now);
}

async function expired(tx: Tx, deps: DomainDeps, offer: WaitingOffer, now: Date): Promise<void> {
  await recordAudit(tx, { actor: { type: "system" }, action: "waiting.offer.expired", entityType: "waiting", entityId: offer.entryId, officeId: offer.officeId, detail: { offer: offer.id } }, now);
  await passOn(tx, deps, offer, now);
}

export type OfferLookup = { token: string } | { id: number; officeId: number };

export type AnswerResult =
  | { kind: "accepted"; booking: Booking; /** The new booking's manage token. */ token: string }
  | { kind: "declined" }
  /** The offer had ended: how, and the booking it made if it was accepted. */
  | { kind: "closed"; status: string; bookingId: number | null }
  | { kind: "not-found" };

async function findOffer(tx: Tx, lookup: OfferLookup): Promise<WaitingOffer | null> {
  if ("token" in lookup) return isManageToken(lookup.token) ? tx.waitingOffer.findUnique({ where: { tokenHash: hashManageToken(lookup.token) } }) : null;
  const offer = await tx.waitingOffer.findUnique({ where: { id: lookup.id } });
  return offer && offer.officeId === lookup.officeId ? offer : null;
}

/** The offer behind a link, with its person and office (null: no such offer). */
export async function loadOffer(db: Tx, lookup: OfferLookup) {
  const offer = await findOffer(db, lookup);
  if (!offer) return null;
  const [entry, office] = await Promise.all([
    db.waitingListEntry.findUniqueOrThrow({ where: { id: offer.entryId } }),
    db.office.findUniqueOrThrow({ where: { id: offer.officeId }, include: { texts: true } }),
  ]);
  return { offer, entry, office };
}

/** An offer still open at `now` (its hold time not passed). */
export const isOpen = (offer: Pick<WaitingOffer, "status" | "expiresAt">, now: Date) => offer.status === "open" && offer.expiresAt.getTime() > now.getTime();

/**
 * The person (by link or reply) or reception (for an offer by telephone) answers an offer.
 * Accepting books the place for them, with the confirmation messages, in one transaction;
 * declining passes it on. Answering twice answers once.
 */
export async function answerOffer(
  deps: DomainDeps,
  input: { lookup: OfferLookup; answer: "accept" | "decline"; actor: Actor; via?: "sms-reply" },
  now: Date,
): Promise<AnswerResult> {
  return retryOnConflict(() => deps.db.$transaction(async (tx): Promise<AnswerResult> => {
    const found = await findOffer(tx, input.lookup);
    if (!found) return { kind: "not-found" };
    await lockPlace(tx, deps, found.officeId, found.startsAt);
    // Read again under the lock: what another server did meanwhile counts.
    const offer = await tx.waitingOffer.findUniqueOrThrow({ where: { id: found.id } });
    if (offer.status === "open" && !isOpen(offer, now)) {
      if (await closeOffer(tx, offer, "expired", "clock", now)) await expired(tx, deps, offer, now);
      return { kind: "closed", status: "expired", bookingId: null };
    }
    const by = input.actor.type === "staff" ? "staff" : "client";
    const place = await tx.booking.findUnique({ where: { id: offer.placeBookingId }, include: { office: true } });
    // A place whose session was cancelled or changed since: nothing to accept any more.
    const stillThere = place !== null && (await placeStands(tx, place.office, place, now));
    const status = input.answer === "accept" ? (stillThere ? "accepted" : "withdrawn") : "declined";
    if (!(await closeOffer(tx, offer, status, by, now))) {
      const ended = await tx.waitingOffer.findUniqueOrThrow({ where: { id: offer.id } });
      return { kind: "closed", status: ended.status, bookingId: ended.bookingId };
    }
    const audit = (action: string, detail: Record<string, string | number> = {}) =>
      recordAudit(tx, { actor: input.actor, action, entityType: "waiting", entityId: offer.entryId, officeId: offer.officeId, detail: { offer: offer.id, ...detail, ...(input.via ? { via: input.via } : {}) } }, now);
    if (status !== "accepted" || !place) {
      await audit(status === "declined" ? "waiting.offer.declined" : "waiting.offer.withdrawn");
      await passOn(tx, deps, offer, now);
      return status === "declined" ? { kind: "declined" } : { kind: "closed", status, bookingId: null };
    }
    const entry = await tx.waitingListEntry.findUniqueOrThrow({ where: { id: offer.entryId } });
    const { booking, token } = await bookPlace(tx, deps, place, entry, input.actor, now);
    await tx.waitingOffer.update({ where: { id: offer.id }, data: { bookingId: booking.id } });
    await tx.waitingListEntry.update({ where: { id: entry.id }, data: { status: "booked" } });
    await audit("waiting.offer.accepted", { booking: booking.id });
    return { kind: "accepted", booking, token };
  }));
}

/** Moves the held seat from the cancelled booking to a new booking for the person waiting. */
async function bookPlace(tx: Tx, deps: DomainDeps, place: PlaceBooking, entry: WaitingListEntry, actor: Actor, now: Date): Promise<{ booking: Booking; token: string }> {
  const seat = place.seat!;
  await tx.booking.update({ where: { id: place.id }, data: { seat: null } });
  let code = newBookingCode();
  while (await tx.booking.findUnique({ where: { code }, select: { id: true } })) code = newBookingCode();
  const token = newManageToken();
  const booking = await tx.booking.create({
    data: {
      code,
      manageTokenHash: hashManageToken(token),
      manageTokenSealed: deps.seal.seal(token),
      officeId: place.officeId,
      seriesId: place.seriesId,
      startsAt: place.startsAt,
      endsAt: place.endsAt,
      seat,
      status: "BOOKED",
      // Reception put the person on the list: the booking is the desk's, like one by phone.
      channel: "STAFF",
      locale: entry.locale,
      language: entry.language,
      interpreterNeeded: entry.interpreterNeeded,
      name: entry.name,
      searchName: entry.name ? searchNameOf(entry.name) : null,
      phone: entry.phone,
      email: entry.email,
      emailKey: emailKey(entry.email),
      phoneKey: phoneKey(entry.phone),
      smsConsent: entry.phone !== null && entry.smsConsent,
      createdAt: now,
    },
    include: { office: true },
  });
  await enqueueBookingMessages(tx, booking, { kind: "confirmation" }, now, deps.outbox);
  await recordAudit(
    tx,
    { actor, action: "booking.created", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { channel: booking.channel, startsAt: booking.startsAt.toISOString(), via: "waiting-offer" } },
    now,
  );
  return { booking, token };
}

/**
 * Offers whose hold time has passed end, and their places go to the next person waiting
 * (or are freed). Safe on several servers at once: each offer ends once.
 */
export async function expireOffers(deps: DomainDeps, now: Date, limit = 50): Promise<number> {
  const due = await deps.db.waitingOffer.findMany({ where: { status: "open", expiresAt: { lte: now } }, orderBy: { expiresAt: "asc" }, take: limit });
  let ended = 0;
  let failure: Error | null = null;
  for (const offer of due) {
    try {
      await retryOnConflict(() =>
        deps.db.$transaction(async (tx) => {
          await lockPlace(tx, deps, offer.officeId, offer.startsAt);
          if (!(await closeOffer(tx, offer, "expired", "clock", now))) return;
          ended++;
          await expired(tx, deps, offer, now);
        }),
      );
    } catch (error) {
      // One offer that cannot be ended now does not hold up the others; it is tried again next time.
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }
  if (failure && ended === 0) throw failure;
  return ended;
}

/** The open offer made by text message to this phone number, if there is exactly one. */
export async function openOfferForPhone(db: Tx, key: string, now: Date): Promise<{ offer: WaitingOffer; locale: string } | null> {
  const entries = await db.waitingListEntry.findMany({ where: { phoneKey: key, status: "offered", smsConsent: true }, select: { id: true, locale: true } });
  if (entries.length === 0) return null;
  const offers = await db.waitingOffer.findMany({ where: { openEntry: { in: entries.map((e) => e.id) }, expiresAt: { gt: now } } });
  const sms = offers.filter((o) => o.channel.split(" ").includes("sms"));
  if (sms.length !== 1) return null;
  return { offer: sms[0]!, locale: entries.find((e) => e.id === sms[0]!.entryId)!.locale };
}

/**
 * Inside a schedule change's transaction, once the change is written: open offers of
 * places that no longer exist (their session was cancelled or changed) are withdrawn and
 * their seats let go; the people keep their place on the list.
 */
export async function withdrawStrandedOffers(tx: Tx, office: OfficeRef, now: Date): Promise<number> {
  const open = await tx.waitingOffer.findMany({ where: { officeId: office.id, status: "open" } });
  let withdrawn = 0;
  for (const offer of open) {
    const place = await tx.booking.findUnique({ where: { id: offer.placeBookingId }, select: { startsAt: true, seat: true } });
    if (place && (await placeStands(tx, office, place, now))) continue;
    if (!(await closeOffer(tx, offer, "withdrawn", "staff", now))) continue;
    withdrawn++;
    await tx.waitingListEntry.updateMany({ where: { id: offer.entryId, status: "offered" }, data: { status: "waiting" } });
    await tx.booking.update({ where: { id: offer.placeBookingId }, data: { seat: null } });
    await recordAudit(tx, { actor: { type: "system" }, action: "waiting.offer.withdrawn", entityType: "waiting", entityId: offer.entryId, officeId: offer.officeId, detail: { offer: offer.id } }, now);
  }
  return withdrawn;
}

/** Inside a transaction: the open offer of this person (if any) ends, and its place goes on. */
export async function withdrawOfferOf(tx: Tx, deps: DomainDeps, entryId: number, now: Date): Promise<void> {
  const offer = await tx.waitingOffer.findUnique({ where: { openEntry: entryId } });
  if (!offer) return;
  await lockPlace(tx, deps, offer.officeId, offer.startsAt);
  if (!(await closeOffer(tx, offer, "withdrawn", "staff", now))) return;
  await recordAudit(tx, { actor: { type: "system" }, action: "waiting.offer.withdrawn", entityType: "waiting", entityId: offer.entryId, officeId: offer.officeId, detail: { offer: offer.id } }, now);
  const place = await tx.booking.findUnique({ where: { id: offer.placeBookingId }, include: { office: true } });
  if (place && place.status === "CANCELLED") await offerPlaceOrFree(tx, deps, place, now);
}
