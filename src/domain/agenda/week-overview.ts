// The week of one office for staff: every day, every session, every slot in time order
// with the bookings in it and the places still free.
import type { Db } from "../../db/client.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { dutchPublicHoliday } from "../availability/holidays.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { addDays, instantAt, localDateOf, mondayOf, type LocalDate } from "../../local-date.ts";
import type { Session } from "../availability/sessions.ts";

export interface WeekSlot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  free: number;
  bookings: Booking[];
}

export interface WeekSession {
  session: Session;
  slots: WeekSlot[];
  free: number;
}

export interface WeekDay {
  date: LocalDate;
  /** The public holiday on this date, if any (the office is closed unless opened explicitly). */
  holiday: string | undefined;
  sessions: WeekSession[];
  /** Active bookings of the day in no current slot (the schedule changed after they were made). */
  elsewhere: Booking[];
}

export interface WeekOverview {
  monday: LocalDate;
  days: WeekDay[];
}

/** The week (Monday to Sunday) that holds `anyDate`. */
export async function loadWeekOverview(db: Db, office: OfficeRef, anyDate: LocalDate, now: Date): Promise<WeekOverview> {
  const monday = mondayOf(anyDate);
  const sunday = addDays(monday, 6);
  const [states, bookings] = await Promise.all([
    loadAvailability(db, office, { from: monday, to: sunday }, now),
    db.booking.findMany({
      where: {
        officeId: office.id,
        status: { not: "CANCELLED" },
        startsAt: { gte: instantAt(monday, "00:00", office.timeZone), lt: instantAt(addDays(sunday, 1), "00:00", office.timeZone) },
      },
      orderBy: [{ startsAt: "asc" }, { seat: "asc" }, { id: "asc" }],
    }),
  ]);
  const placed = new Set<number>();
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    const sessions = states
      .filter((state) => state.session.date === date)
      .map((state) => {
        const slots = state.slots.map((slot) => {
          const inSlot = bookings.filter((b) => b.startsAt.getTime() === slot.startsAt.getTime());
          for (const b of inSlot) placed.add(b.id);
          return { startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: slot.capacity, free: slot.free, bookings: inSlot };
        });
        return { session: state.session, slots, free: slots.reduce((sum, s) => sum + s.free, 0) };
      });
    days.push({ date, holiday: dutchPublicHoliday(date), sessions, elsewhere: [] });
  }
  for (const booking of bookings) {
    if (placed.has(booking.id)) continue;
    days.find((d) => d.date === localDateOf(booking.startsAt, office.timeZone))?.elsewhere.push(booking);
  }
  return { monday, days };
}
