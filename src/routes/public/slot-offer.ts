// What the client's and the caseworker's booking forms share: whether the slot in the
// link can be offered, and which free times to offer instead when it cannot.
import type { Db } from "../../db/client.ts";
import { localDateOf } from "../../local-date.ts";
import { findSlot } from "../../domain/booking/find-slot.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { nextFreeSlots, type SlotLink, type SlotLinker } from "./office-view.ts";
import { parseSlotParam } from "./slot-param.ts";

export type SlotGone = "taken" | "unavailable";

/** The slot a form link names, if it can be booked online now; otherwise why not. */
export async function offeredSlot(db: Db, office: Office, raw: unknown, now: Date): Promise<{ startsAt: Date } | { gone: SlotGone; startsAt: Date | null }> {
  const startsAt = parseSlotParam(raw);
  if (!startsAt) return { gone: "unavailable", startsAt: null };
  const found = await findSlot(db, office, startsAt, now);
  if (!found) return { gone: "unavailable", startsAt };
  if (!found.slot.bookable) {
    const full = found.slot.free === 0 || found.session.openOnline === 0;
    return { gone: full ? "taken" : "unavailable", startsAt };
  }
  return { startsAt };
}

/** Free times near the one that is gone (or from today), to pick instead. */
export async function alternativesFor(db: Db, office: Office, startsAt: Date | null, now: Date, locale: Locale, link: SlotLinker): Promise<SlotLink[]> {
  const fmt = formatter(locale, office.timeZone);
  const today = localDateOf(now, office.timeZone);
  const near = startsAt && startsAt > now ? localDateOf(startsAt, office.timeZone) : today;
  const alternatives = await nextFreeSlots(db, office, near, now, fmt, link);
  return alternatives.length === 0 && near !== today ? nextFreeSlots(db, office, today, now, fmt, link) : alternatives;
}
