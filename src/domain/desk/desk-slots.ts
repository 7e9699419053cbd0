// Free slots as staff may fill them ("desk" rules): any slot that has not started and has
// a free place — walk-in places, minimum notice and the booking horizon do not apply.
import type { Db } from "../../db/client.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import type { LocalDate } from "../../local-date.ts";

export interface DeskSlot {
  startsAt: Date;
  endsAt: Date;
  free: number;
  capacity: number;
}

export interface DeskDay {
  date: LocalDate;
  slots: DeskSlot[];
}

/** Days from..to (inclusive) that have at least one free slot, each with those slots in time order. */
export async function deskFreeSlots(db: Db, office: OfficeRef, range: { from: LocalDate; to: LocalDate }, now: Date): Promise<DeskDay[]> {
  const states = await loadAvailability(db, office, range, now);
  const days = new Map<LocalDate, DeskDay>();
  for (const state of states) {
    for (const slot of state.slots) {
      if (slot.free === 0 || slot.startsAt.getTime() < now.getTime()) continue;
      const date = state.session.date;
      let day = days.get(date);
      if (!day) days.set(date, (day = { date, slots: [] }));
      day.slots.push({ startsAt: slot.startsAt, endsAt: slot.endsAt, free: slot.free, capacity: slot.capacity });
    }
  }
  return [...days.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({ ...day, slots: day.slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()) }));
}
