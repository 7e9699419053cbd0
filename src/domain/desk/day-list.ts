// The day list of one office: every session of the day with its slots in time order,
// the bookings in them, the free places and the waiting list; and the day's summary.
import type { Db } from "../../db/client.ts";
import type { Booking, Office, WaitingListEntry, WaitingOffer } from "../../generated/prisma/client.ts";
import { loadAvailability } from "../availability/load-availability.ts";
import { addDays, instantAt, type LocalDate } from "../../local-date.ts";
import type { Session } from "../availability/sessions.ts";

export interface DaySlot {
  startsAt: Date;
  endsAt: Date;
  bookings: Booking[];
  free: number;
  /** Places held for an offer to the waiting list (a cancelled booking keeps the seat). */
  held: number;
}

export interface DaySession {
  session: Session;
  slots: DaySlot[];
  /** Free places in the slots that have not ended: a finished session has none left. */
  free: number;
  waiting: WaitingListEntry[];
  /** Freed places of the session offered to the waiting list, newest first, with whom to. */
  offers: Array<WaitingOffer & { entry: WaitingListEntry }>;
}

export interface DaySummary {
  booked: number;
  arrived: number;
  walkIns: number;
  noShows: number;
  cancelled: number;
  waiting: number;
}

export interface DayList {
  office: Office;
  date: LocalDate;
  sessions: DaySession[];
  /** Active bookings of the day in no current session (the schedule changed after they were made). */
  elsewhere: Booking[];
  /** Active bookings of the day in time order, for the printed list and the CSV. */
  appointments: Booking[];
  summary: DaySummary;
}

export function summarise(bookings: Booking[], waiting: WaitingListEntry[]): DaySummary {
  const active = bookings.filter((b) => b.status !== "CANCELLED");
  return {
    booked: active.filter((b) => b.channel !== "WALK_IN").length,
    arrived: active.filter((b) => b.checkedInAt !== null || b.status === "ATTENDED").length,
    walkIns: active.filter((b) => b.channel === "WALK_IN").length,
    noShows: active.filter((b) => b.status === "NO_SHOW").length,
    cancelled: bookings.length - active.length,
    waiting: waiting.filter((w) => w.status === "waiting").length,
  };
}

export async function loadDayList(db: Db, office: Office, date: LocalDate, now: Date): Promise<DayList> {
  const from = instantAt(date, "00:00", office.timeZone);
  const to = instantAt(addDays(date, 1), "00:00", office.timeZone);
  const [states, bookings, waiting, offers] = await Promise.all([
    loadAvailability(db, office, { from: date, to: date }, now),
    db.booking.findMany({ where: { officeId: office.id, startsAt: { gte: from, lt: to } }, orderBy: [{ startsAt: "asc" }, { seat: "asc" }, { id: "asc" }] }),
    db.waitingListEntry.findMany({ where: { officeId: office.id, date }, orderBy: { id: "asc" } }),
    db.waitingOffer.findMany({ where: { officeId: office.id, startsAt: { gte: from, lt: to } }, include: { entry: true }, orderBy: { id: "desc" } }),
  ]);
  const active = bookings.filter((b) => b.status !== "CANCELLED");
  const placed = new Set<number>();
  const sessions = states.map((state) => {
    const slots = state.slots.map((slot) => {
      const inSlot = active.filter((b) => b.startsAt.getTime() === slot.startsAt.getTime());
      for (const b of inSlot) placed.add(b.id);
      const held = bookings.filter((b) => b.status === "CANCELLED" && b.seat !== null && b.startsAt.getTime() === slot.startsAt.getTime()).length;
      return { startsAt: slot.startsAt, endsAt: slot.endsAt, bookings: inSlot, free: slot.free, held };
    });
    const inSession = (at: Date) => at >= state.session.startsAt && at < state.session.endsAt;
    return {
      session: state.session,
      slots,
      free: slots.reduce((sum, s) => sum + (s.endsAt > now ? s.free : 0), 0),
      waiting: waiting.filter((w) => w.sessionStart === state.session.startTime),
      offers: offers.filter((o) => inSession(o.startsAt)),
    };
  });
  return {
    office,
    date,
    sessions,
    elsewhere: active.filter((b) => !placed.has(b.id)),
    appointments: active,
    summary: summarise(bookings, waiting),
  };
}
