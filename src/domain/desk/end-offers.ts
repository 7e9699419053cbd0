// Offers of freed places that end without an answer (waiting-offers.ts): their hold time
// passed, their place left the schedule, or reception marked the person as gone.
import type { Tx } from "../../db/client.ts";
import { retryOnConflict } from "../../db/errors.ts";
import type { WaitingOffer } from "../../generated/prisma/client.ts";
import type { OfficeRef } from "../availability/load-availability.ts";
import { recordAudit } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { closeOffer, lockPlace, offerPlaceOrFree, passOn, placeStands } from "./waiting-offers.ts";

/** An offer ended by the clock: audited, and its place goes on. */
export async function expired(tx: Tx, deps: DomainDeps, offer: WaitingOffer, now: Date): Promise<void> {
  await recordAudit(tx, { actor: { type: "system" }, action: "waiting.offer.expired", entityType: "waiting", entityId: offer.entryId, officeId: offer.officeId, detail: { offer: offer.id } }, now);
  await passOn(tx, deps, offer, now);
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
