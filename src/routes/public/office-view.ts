// Shapes availability into what the office page and the "pick another time" lists show.
import { loadAvailability, type OfficeRef } from "../../domain/availability/load-availability.ts";
import { addDays, localDateOf, type LocalDate } from "../../local-date.ts";
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

/** Where a free slot leads: a booking form, the caseworker's form, or moving a booking; null leaves it out. */
export type SlotLinker = (startsAt: Date) => string | null;

export const bookingLink =
  (locale: string, office: { slug: string }): SlotLinker =>
  (startsAt) =>
    `/${locale}/offices/${office.slug}/book?slot=${slotParam(startsAt)}`;

export const caseworkerLink =
  (locale: string, office: { slug: string }): SlotLinker =>
  (startsAt) =>
    `/${locale}/caseworker/offices/${office.slug}/book?slot=${slotParam(startsAt)}`;

/** Moving a booking: every free time but the one it has now. */
export const moveLink =
  (managePath: string, current: Date): SlotLinker =>
  (startsAt) =>
    startsAt.getTime() === current.getTime() ? null : `${managePath}/move?slot=${slotParam(startsAt)}`;

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
      const href = slot.bookable ? link(slot.startsAt) : null;
      if (href === null) continue;
      day.full = false;
      day.slots.push({ time: fmt.time(slot.startsAt), label: fmt.slotLabel(slot.startsAt), href });
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

/** The series of an office that still run today or later. */
export function currentSeries(db: Db, office: OfficeRef, today: LocalDate) {
  return db.consultationSeries.findMany({ where: { officeId: office.id, OR: [{ validUntil: null }, { validUntil: { gte: today } }] } });
}

/** Never page further than this, whatever a series allows. */
const MAX_DAYS_AHEAD = 366;

export interface SlotWeeks {
  days: DayView[];
  range: { from: string; to: string };
  /** Links to the two weeks before and after, when there are free times to page to. */
  earlier: string | null;
  later: string | null;
}

/**
 * Two weeks of free times from the day asked for (today when it is past or beyond the
 * furthest booking horizon), with links to page through them at `base?from=…`.
 */
export async function slotWeeks(
  db: Db,
  office: OfficeRef & { slug: string },
  options: {
    asked: LocalDate | undefined;
    now: Date;
    fmt: Formatter;
    link: SlotLinker;
    base: string;
    /** The office's current series (see currentSeries), when the caller has read them already. */
    series?: ReadonlyArray<{ horizonDays: number }>;
  },
): Promise<SlotWeeks> {
  const { asked, now, fmt, base } = options;
  const today = localDateOf(now, office.timeZone);
  const series = options.series ?? (await currentSeries(db, office, today));
  const lastDay = addDays(today, Math.min(MAX_DAYS_AHEAD, Math.max(DAYS_PER_PAGE, ...series.map((s) => s.horizonDays))));
  const from = asked && asked > today && asked <= lastDay ? asked : today;
  const to = addDays(from, DAYS_PER_PAGE - 1);
  const back = addDays(from, -DAYS_PER_PAGE) < today ? today : addDays(from, -DAYS_PER_PAGE);
  const join = base.includes("?") ? "&" : "?";
  return {
    days: await officeDays(db, office, { from, to }, now, fmt, options.link),
    range: { from: fmt.localDayMonth(from), to: fmt.localDayMonth(to) },
    earlier: from > today ? `${base}${join}from=${back}` : null,
    later: addDays(to, 1) <= lastDay ? `${base}${join}from=${addDays(to, 1)}` : null,
  };
}
