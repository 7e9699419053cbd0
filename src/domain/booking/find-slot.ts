import type { Tx } from "../../db/client.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { localDateOf } from "../../local-date.ts";
import type { SessionState, SlotState } from "../availability/free-slots.ts";

export interface FoundSlot {
  session: SessionState;
  slot: SlotState;
}

/** The slot of `office` starting exactly at `startsAt`, with its current places, or null. */
export async function findSlot(db: Tx, office: OfficeRef, startsAt: Date, now: Date): Promise<FoundSlot | null> {
  const date = localDateOf(startsAt, office.timeZone);
  return slotIn(await loadAvailability(db, office, { from: date, to: date }, now), startsAt);
}

/** The slot among these sessions' that starts exactly at `startsAt`, or null. */
export function slotIn(sessions: SessionState[], startsAt: Date): FoundSlot | null {
  for (const session of sessions) {
    const slot = session.slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
    if (slot) return { session, slot };
  }
  return null;
}

export type BookingRules = "online" | "desk" | "walk-in";

/**
 * Why a slot cannot take one more booking, or null when it can. "online" rules (a client
 * booking) also keep the minimum notice, the horizon and the session's walk-in places;
 * "desk" rules (staff) may fill any free place of a slot that has not started; "walk-in"
 * (reception) may also fill a place of a slot that is under way.
 */
export function refuseSlot(found: FoundSlot | null, rules: BookingRules, now: Date): "unavailable" | "taken" | null {
  if (!found) return "unavailable";
  const over = rules === "walk-in" ? found.slot.endsAt.getTime() <= now.getTime() : found.slot.startsAt.getTime() < now.getTime();
  if (over) return "unavailable";
  if (found.slot.free === 0) return "taken";
  if (rules === "online") {
    if (found.session.openOnline === 0) return "taken";
    if (!found.slot.bookable) return "unavailable";
  }
  return null;
}

/** The lowest seat number not among those held. */
export function firstFreeSeat(held: ReadonlySet<number | null>): number {
  let seat = 1;
  while (held.has(seat)) seat++;
  return seat;
}

/** The lowest seat number not held by an active booking of the slot. */
export async function lowestFreeSeat(db: Tx, officeId: number, startsAt: Date): Promise<number> {
  const held = await db.booking.findMany({ where: { officeId, startsAt, seat: { not: null } }, select: { seat: true } });
  return firstFreeSeat(new Set(held.map((b) => b.seat)));
}
