import type { Tx } from "../../db/client.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { localDateOf } from "../availability/local-date.ts";
import type { SessionState, SlotState } from "../availability/free-slots.ts";

export interface FoundSlot {
  session: SessionState;
  slot: SlotState;
}

/** The slot of `office` starting exactly at `startsAt`, with its current places, or null. */
export async function findSlot(db: Tx, office: OfficeRef, startsAt: Date, now: Date): Promise<FoundSlot | null> {
  const date = localDateOf(startsAt, office.timeZone);
  const sessions = await loadAvailability(db, office, { from: date, to: date }, now);
  for (const session of sessions) {
    const slot = session.slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
    if (slot) return { session, slot };
  }
  return null;
}
