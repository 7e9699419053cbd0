// The free slots staff can choose from (to move a booking or to book by phone), four
// weeks at a time.
import type { FastifyInstance } from "fastify";
import { addDays, localDateOf, type LocalDate } from "../../local-date.ts";
import { deskFreeSlots } from "../../domain/desk/desk-slots.ts";
import type { Office } from "../../generated/prisma/client.ts";
import type { StaffLocale } from "../../i18n/catalogue.ts";
import { formatter } from "../../i18n/format.ts";
import { slotParam } from "../public/slot-param.ts";

export const SLOT_DAYS = 28;
/** Staff may look further ahead than clients, but not without end. */
const MAX_DAYS_AHEAD = 366;

export interface PickerSlot {
  value: string;
  time: string;
  end: string;
  label: string;
  free: number;
}

export async function slotPicker(
  app: FastifyInstance,
  office: Office,
  options: { from: LocalDate | undefined; locale: StaffLocale; base: string; exclude?: Date },
) {
  const now = app.clock.now();
  const today = localDateOf(now, office.timeZone);
  const last = addDays(today, MAX_DAYS_AHEAD);
  const from = options.from && options.from > today && options.from <= last ? options.from : today;
  const to = addDays(from, SLOT_DAYS - 1);
  const fmt = formatter(options.locale, office.timeZone);
  const found = await deskFreeSlots(app.db, office, { from, to }, now);
  const days = found
    .map((day) => ({
      date: day.date,
      heading: fmt.localDate(day.date),
      slots: day.slots
        .filter((slot) => slot.startsAt.getTime() !== options.exclude?.getTime())
        .map(
          (slot): PickerSlot => ({
            value: slotParam(slot.startsAt),
            time: fmt.time(slot.startsAt),
            end: fmt.time(slot.endsAt),
            label: fmt.slotLabel(slot.startsAt),
            free: slot.free,
          }),
        ),
    }))
    .filter((day) => day.slots.length > 0);
  const sep = options.base.includes("?") ? "&" : "?";
  return {
    days,
    range: { from: fmt.localDayMonth(from), to: fmt.localDayMonth(to) },
    earlier: from > today ? `${options.base}${sep}from=${addDays(from, -SLOT_DAYS) < today ? today : addDays(from, -SLOT_DAYS)}` : null,
    later: addDays(to, 1) <= last ? `${options.base}${sep}from=${addDays(to, 1)}` : null,
  };
}
