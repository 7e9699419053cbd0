// Saves a schedule change and settles the bookings it touches, all in one transaction:
// the change, its audit entry, and for each affected booking either a move to the slot
// the officer chose or a cancellation with the officer's reason (each queues the client's
// email in the client's language). If the affected bookings are not the ones the officer
// confirmed, or a chosen slot is gone, nothing is saved.
import { engineOf } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Actor } from "../audit/audit-entry.ts";
import type { OfficeRef } from "../availability/load-availability.ts";
import { cancelBookingInTx } from "../booking/cancel-booking.ts";
import { moveBookingInTx } from "../booking/move-booking.ts";
import { withdrawStrandedOffers } from "../desk/end-offers.ts";
import type { DomainDeps } from "../deps.ts";
import type { ScheduleChange } from "./changes.ts";
import type { FieldErrors } from "./form-values.ts";
import { planChange, type PlannedBooking } from "./plan-change.ts";
import { writeChange, type Written } from "./write-change.ts";

export interface Decisions {
  /** The booking ids the officer saw on the confirmation page. */
  shown: number[];
  /** Booking id → the slot to move it to; the others are cancelled. */
  moves: Map<number, Date>;
  /** Told to every client whose booking is cancelled. */
  reason: string;
}

export type ApplyResult =
  | ({ kind: "applied"; cancelled: number; moved: number } & Written)
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "changed"; affected: PlannedBooking[] }
  | { kind: "move-failed"; bookingId: number };

class MoveRefused extends Error {
  constructor(readonly bookingId: number) {
    super(`booking ${bookingId} could not be moved`);
  }
}

function sameIds(a: number[], b: number[]): boolean {
  const seen = new Set(b);
  return a.length === seen.size && a.every((id) => seen.has(id));
}

export async function applyScheduleChange(
  deps: DomainDeps,
  input: { actor: Actor; office: OfficeRef; change: ScheduleChange; decisions: Decisions },
  now: Date,
): Promise<ApplyResult> {
  const { actor, office, change, decisions } = input;
  try {
    return await deps.db.$transaction(async (tx): Promise<ApplyResult> => {
      // No seat is taken at the office, on any server, while its schedule changes.
      await engineOf(deps.db).lockOfficeSchedule(tx, office.id);
      const plan = await planChange(tx, office, change, now);
      if (plan.kind === "invalid") return plan;
      const ids = plan.affected.map((b) => b.id);
      if (!sameIds(ids, decisions.shown)) return { kind: "changed", affected: plan.affected };
      const moving = ids.filter((id) => decisions.moves.has(id));
      const cancelling = ids.filter((id) => !decisions.moves.has(id));
      const counts = { affected: ids.length, cancelled: cancelling.length, moved: moving.length };
      const written = await writeChange(tx, { actor, officeId: office.id, change, counts }, now);
      for (const bookingId of cancelling) {
        await cancelBookingInTx(tx, deps, { actor, bookingId, by: "staff", reason: decisions.reason, offerPlace: false }, now);
      }
      for (const bookingId of moving) {
        const moved = await moveBookingInTx(tx, deps, { actor, bookingId, startsAt: decisions.moves.get(bookingId)!, rules: "desk", reason: decisions.reason }, now);
        if (moved.kind !== "moved") throw new MoveRefused(bookingId);
      }
      // Places held for the waiting list in sessions that are gone now are let go.
      await withdrawStrandedOffers(tx, office, now);
      return { kind: "applied", ...written, cancelled: cancelling.length, moved: moving.length };
    });
  } catch (error) {
    if (error instanceof MoveRefused) return { kind: "move-failed", bookingId: error.bookingId };
    // Two moves chose the same last place, or a client booked it meanwhile.
    if (isUniqueViolation(error)) return { kind: "move-failed", bookingId: 0 };
    throw error;
  }
}
