// Shapes availability into what the office page and the "pick another time" lists show.
import { holidayNameIn } from "../../domain/availability/holidays.ts";
import { loadCalendar, type OfficeRef } from "../../domain/availability/load-availability.ts";
import { addDays, isLocalDate, localDateOf, type LocalDate } from "../../local-date.ts";
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
  /** No free time yet because the day is beyond the booking horizon: the day booking opens. */
  opensOn: string | null;
  /** A session would have been held, but the office is closed or the session cancelled. */
  closed: { holiday: { name: string; lang: string } | null } | null;
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
  locale = "nl",
): Promise<DayView[]> {
  const { sessions, closed } = await loadCalendar(db, office, range, now);
  const today = localDateOf(now, office.timeZone);
  const days = new Map<LocalDate, DayView>();
  const dayOf = (date: LocalDate) => {
    let day = days.get(date);
    if (!day) {
      day = { date, heading: fmt.localDate(date), slots: [], full: true, opensOn: null, closed: null };
      days.set(date, day);
    }
    return day;
  };
  // The first day a session beyond the horizon can be booked, per date.
  const opening = new Map<LocalDate, LocalDate>();
  for (const state of sessions) {
    const { date, horizonDays } = state.session;
    const day = dayOf(date);
    if (horizonDays !== null && date > addDays(today, horizonDays)) {
      const opens = addDays(date, -horizonDays);
      const known = opening.get(date);
      if (!known || opens < known) opening.set(date, opens);
    }
    for (const slot of state.slots) {
      const href = slot.bookable ? link(slot.startsAt) : null;
      if (href === null) continue;
      day.full = false;
      day.slots.push({ time: fmt.time(slot.startsAt), label: fmt.slotLabel(slot.startsAt), href });
    }
  }
  for (const [date, opens] of opening) {
    const day = dayOf(date);
    if (day.slots.length === 0) day.opensOn = fmt.localDate(opens);
  }
  for (const { date, holiday } of closed) {
    dayOf(date).closed = { holiday: holiday ? holidayNameIn(holiday, locale) : null };
  }
  // Days that are past for online booking (every slot within notice) are not worth showing.
  return [...days.values()].filter((day) => day.slots.length > 0 || day.date > today || day.closed).sort((a, b) => a.date.localeCompare(b.date));
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

/** Why the two weeks shown are not the ones a link asked for. */
export type WindowNotice = "invalid" | "past" | "beyond";

export interface SlotWeeks {
  days: DayView[];
  /** Set when the `from` asked for could not be shown, and today's or the last bookable weeks are shown instead. */
  notice: WindowNotice | null;
  range: { from: string; to: string };
  /** Links to the two weeks before and after, when there are free times to page to. */
  earlier: string | null;
  later: string | null;
}

/**
 * Two weeks of free times from the day asked for, with links to page through them at
 * `base?from=…`. A day that is no date, or is past, shows the two weeks from today; a day
 * beyond the furthest booking horizon the last two weeks that can be booked. Either way
 * the notice says so.
 */
export async function slotWeeks(
  db: Db,
  office: OfficeRef & { slug: string },
  options: {
    /** The `from` query parameter as it came: absent, a local date, or anything else. */
    asked: unknown;
    now: Date;
    fmt: Formatter;
    /** The page's language, for the names of holidays. */
    locale: string;
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
  const { from, notice } = windowStart(asked, today, lastDay);
  const to = addDays(from, DAYS_PER_PAGE - 1);
  const back = addDays(from, -DAYS_PER_PAGE) < today ? today : addDays(from, -DAYS_PER_PAGE);
  const join = base.includes("?") ? "&" : "?";
  return {
    days: await officeDays(db, office, { from, to }, now, fmt, options.link, options.locale),
    notice,
    range: { from: fmt.localDayMonth(from), to: fmt.localDayMonth(to) },
    earlier: from > today ? `${base}${join}from=${back}` : null,
    later: addDays(to, 1) <= lastDay ? `${base}${join}from=${addDays(to, 1)}` : null,
  };
}

/** The first day of the two weeks to show for a `from` asked, and why it differs when it does. */
function windowStart(asked: unknown, today: LocalDate, lastDay: LocalDate): { from: LocalDate; notice: WindowNotice | null } {
  if (asked === undefined) return { from: today, notice: null };
  if (typeof asked !== "string" || !isLocalDate(asked)) return { from: today, notice: "invalid" };
  if (asked < today) return { from: today, notice: "past" };
  if (asked > lastDay) {
    const last = addDays(lastDay, -(DAYS_PER_PAGE - 1));
    return { from: last > today ? last : today, notice: "beyond" };
  }
  return { from: asked, notice: null };
}
