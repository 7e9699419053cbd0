// Answering an offer of a freed place (waiting-offers.ts): by its link, by a text reply,
// or by reception for an offer by telephone. Accepting books the place; declining passes
// it on.
import type { Tx } from "../../db/client.ts";
import { retryOnConflict } from "../../db/errors.ts";
import type { Booking, WaitingListEntry, WaitingOffer } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { newBookingCode } from "../booking/booking-code.ts";
import { emailKey, phoneKey } from "../booking/contact-keys.ts";
import { hashManageToken, isManageToken, newManageToken } from "../booking/manage-token.ts";
import { searchNameOf } from "../../db/search-name.ts";
import { enqueueBookingMessages } from "../outbox/booking-messages.ts";
import type { DomainDeps } from "../deps.ts";
import { closeOffer, isOpen, lockPlace, passOn, placeStands, type PlaceBooking } from "./waiting-offers.ts";
import { expired } from "./end-offers.ts";

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


/** The open offer made by text message to this phone number, if there is exactly one. */
export async function openOfferForPhone(db: Tx, key: string, now: Date): Promise<{ offer: WaitingOffer; locale: string } | null> {
  const entries = await db.waitingListEntry.findMany({ where: { phoneKey: key, status: "offered", smsConsent: true }, select: { id: true, locale: true } });
  if (entries.length === 0) return null;
  const offers = await db.waitingOffer.findMany({ where: { openEntry: { in: entries.map((e) => e.id) }, expiresAt: { gt: now } } });
  const sms = offers.filter((o) => o.channel.split(" ").includes("sms"));
  if (sms.length !== 1) return null;
  return { offer: sms[0]!, locale: entries.find((e) => e.id === sms[0]!.entryId)!.locale };
}
