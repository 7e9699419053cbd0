// Which active bookings a schedule change touches, and where they could go instead.
// Pure: the caller expands the rules before and after the change into sessions.
import { sessionStates, type SessionState } from "../availability/free-slots.ts";
import { daysBetween, localDateOf } from "../../local-date.ts";
import { slotsOf, type Session } from "../availability/sessions.ts";

export interface ActiveBooking {
  id: number;
  startsAt: Date;
  seat: number;
}

export type AffectedWhy = "gone" | "capacity";

export interface Affected {
  bookingId: number;
  why: AffectedWhy;
}

/** Places per slot start (epoch ms). Two sessions never share a start; if they did, the larger counts. */
export function slotCapacities(sessions: Session[], zone: string): Map<number, number> {
  const capacities = new Map<number, number>();
  for (const session of sessions) {
    for (const slot of slotsOf(session, zone)) {
      const at = slot.startsAt.getTime();
      capacities.set(at, Math.max(capacities.get(at) ?? 0, slot.capacity));
    }
  }
  return capacities;
}

function fits(capacities: Map<number, number>, booking: ActiveBooking): AffectedWhy | null {
  const capacity = capacities.get(booking.startsAt.getTime());
  if (capacity === undefined) return "gone";
  return booking.seat > capacity ? "capacity" : null;
}

/**
 * A booking is affected when its slot no longer exists under the new rules, or its seat
 * number is above the slot's new capacity — and it did fit the old rules, so a change
 * never answers for a booking that an earlier change already left without a slot.
 */
export function affectedBookings(input: { zone: string; before: Session[]; after: Session[]; bookings: ActiveBooking[] }): Affected[] {
  const before = slotCapacities(input.before, input.zone);
  const after = slotCapacities(input.after, input.zone);
  const affected: Affected[] = [];
  for (const booking of [...input.bookings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.seat - b.seat)) {
    if (fits(before, booking) !== null) continue;
    const why = fits(after, booking);
    if (why) affected.push({ bookingId: booking.id, why });
  }
  return affected;
}

export interface CandidateOptions {
  /** How far from the booking's date a new slot may be. */
  days: number;
  limit: number;
}

/**
 * Free slots under the new rules that a desk move could take: not started, with a free
 * place, within a few days of the booking, the nearest first.
 */
export function moveCandidates(
  sessions: Session[],
  taken: ReadonlyMap<number, number>,
  booking: { startsAt: Date },
  zone: string,
  now: Date,
  options: CandidateOptions = { days: 14, limit: 6 },
): Date[] {
  const states: SessionState[] = sessionStates({ sessions, zone, taken, now });
  const date = localDateOf(booking.startsAt, zone);
  const target = booking.startsAt.getTime();
  return states
    .filter((state) => Math.abs(daysBetween(date, state.session.date)) <= options.days)
    .flatMap((state) => state.slots)
    .filter((slot) => slot.free > 0 && slot.startsAt.getTime() > now.getTime() && slot.startsAt.getTime() !== target)
    .sort((a, b) => Math.abs(a.startsAt.getTime() - target) - Math.abs(b.startsAt.getTime() - target) || a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, options.limit)
    .map((slot) => slot.startsAt)
    .sort((a, b) => a.getTime() - b.getTime());
}
