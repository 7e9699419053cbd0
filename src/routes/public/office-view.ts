// Shapes availability into what the office page and the "pick another time" lists show.
import { loadAvailability, type OfficeRef } from "../../domain/availability/load-availability.ts";
import { addDays, localDateOf, type LocalDate } from "../../domain/availability/local-date.ts";
import type { Db } from "../../db/client.ts";
import type { Formatter } from "../../i18n/format.ts";
import { slotParam } from "./slot-param.ts";

export interface SlotLink {
  time: string;
  label: string;
  href: string;
}

export interface DayView {
  date: LocalDate;
  heading: string;
  slots: SlotLink[];
  /** Sessions that day, but every place taken. */
  full: boolean;
}

export const DAYS_PER_PAGE = 14;

/** Where a free slot leads: a booking form, the caseworker's form, or moving a booking. */
export type SlotLinker = (startsAt: Date) => string;

export const bookingLink =
  (locale: string, office: { slug: string }): SlotLinker =>
  (startsAt) =>
    `/${locale}/offices/${office.slug}/book?slot=${slotParam(startsAt)}`;

export const caseworkerLink =
  (locale: string, office: { slug: string }): SlotLinker =>
  (startsAt) =>
    `/${locale}/caseworker/offices/${office.slug}/book?slot=${slotParam(startsAt)}`;

export async function officeDays(
  db: Db,
  office: OfficeRef & { slug: string },
  range: { from: LocalDate; to: LocalDate },
  now: Date,
  fmt: Formatter,
  link: SlotLinker,
): Promise<DayView[]> {
  const sessions = await loadAvailability(db, office, range, now);
  const days = new Map<LocalDate, DayView>();
  for (const state of sessions) {
    const date = state.session.date;
    let day = days.get(date);
    if (!day) {
      day = { date, heading: fmt.localDate(date), slots: [], full: true };
      days.set(date, day);
    }
    for (const slot of state.slots) {
      if (!slot.bookable) continue;
      day.full = false;
      day.slots.push({
        time: fmt.time(slot.startsAt),
        label: fmt.slotLabel(slot.startsAt),
        href: link(slot.startsAt),
      });
    }
  }
  // Days that are past for online booking (every slot within notice) are not worth showing.
  const today = localDateOf(now, office.timeZone);
  return [...days.values()].filter((day) => day.slots.length > 0 || day.date > today);
}

/** The first free times from `from` on, for "pick another time". */
export async function nextFreeSlots(
  db: Db,
  office: OfficeRef & { slug: string },
  from: LocalDate,
  now: Date,
  fmt: Formatter,
  link: SlotLinker,
  limit = 6,
): Promise<SlotLink[]> {
  const days = await officeDays(db, office, { from, to: addDays(from, 27) }, now, fmt, link);
  return days.flatMap((day) => day.slots.map((slot) => ({ ...slot, time: slot.label }))).slice(0, limit);
}
