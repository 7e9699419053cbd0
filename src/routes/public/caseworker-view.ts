// The public office view's days, with their slot links pointing into the caseworker flow.
import type { Locale } from "../../i18n/locales.ts";
import type { DayView, SlotLink } from "./office-view.ts";

/** officeDays and nextFreeSlots link to `/{lang}/offices/{slug}/book?slot=…`; only the prefix differs. */
export function caseworkerSlots(slots: SlotLink[], locale: Locale): SlotLink[] {
  const from = `/${locale}/offices/`;
  const to = `/${locale}/caseworker/offices/`;
  return slots.map((slot) => ({ ...slot, href: slot.href.startsWith(from) ? to + slot.href.slice(from.length) : slot.href }));
}

export function caseworkerDays(days: DayView[], locale: Locale): DayView[] {
  return days.map((day) => ({ ...day, slots: caseworkerSlots(day.slots, locale) }));
}
