// Before a schedule change is saved: is it valid, and which active bookings would lose
// their place (with the free slots each could move to)? Reads only; applyScheduleChange
// runs the same plan again inside its transaction.
import type { Tx } from "../../db/client.ts";
import { dutchPublicHoliday } from "../availability/holidays.ts";
import { placesTaken, type OfficeRef } from "../availability/load-availability.ts";
import { addDays, instantAt, localDateOf, type LocalDate } from "../../local-date.ts";
import { expandSessions } from "../availability/sessions.ts";
import { affectedBookings, moveCandidates, type AffectedWhy } from "./affected.ts";
import { applyToRules, type Rules, type ScheduleChange } from "./changes.ts";
import type { FieldErrors } from "./form-values.ts";
import { validateChange, type ValidationContext } from "./validate-change.ts";

export interface PlannedBooking {
  id: number;
  code: string;
  name: string | null;
  /** How the client is told about the change (see outbox/reach.ts). */
  email: string | null;
  phone: string | null;
  smsConsent: boolean;
  referrerEmail: string | null;
  contactViaReferrer: boolean;
  startsAt: Date;
  endsAt: Date;
  why: AffectedWhy;
  /** Free slots it could be moved to instead of being cancelled. */
  candidates: Date[];
}

export type Plan = { kind: "invalid"; errors: FieldErrors } | { kind: "ok"; affected: PlannedBooking[] };

/** How many days around a booking to look for a free slot to move it to. */
const MOVE_WINDOW_DAYS = 14;

export async function officeRules(db: Tx, officeId: number, today: LocalDate): Promise<Rules> {
  const [series, exceptions] = await Promise.all([
    db.consultationSeries.findMany({ where: { officeId }, orderBy: { id: "asc" } }),
    db.scheduleException.findMany({ where: { officeId, OR: [{ date: { gte: today } }, { endDate: { gte: today } }] }, orderBy: { id: "asc" } }),
  ]);
  return { series, exceptions };
}

/** Officers and admins who work at the office and may host its sessions. */
export async function officeHosts(db: Tx, officeId: number) {
  return db.staffUser.findMany({
    where: { disabled: false, role: { in: ["OFFICER", "ADMIN"] }, offices: { some: { officeId } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function validationContext(db: Tx, office: OfficeRef, now: Date): Promise<ValidationContext> {
  const today = localDateOf(now, office.timeZone);
  const [rules, hosts] = await Promise.all([officeRules(db, office.id, today), officeHosts(db, office.id)]);
  return { zone: office.timeZone, today, rules, hostIds: hosts.map((h) => h.id), holidayName: dutchPublicHoliday };
}

export async function planChange(db: Tx, office: OfficeRef, change: ScheduleChange, now: Date): Promise<Plan> {
  const ctx = await validationContext(db, office, now);
  const errors = validateChange(ctx, change);
  if (Object.keys(errors).length > 0) return { kind: "invalid", errors };

  const bookings = await db.booking.findMany({
    where: { officeId: office.id, status: "BOOKED", seat: { not: null }, startsAt: { gt: now } },
    select: { id: true, code: true, name: true, email: true, phone: true, smsConsent: true, referrerEmail: true, contactViaReferrer: true, startsAt: true, endsAt: true, seat: true },
    orderBy: [{ startsAt: "asc" }, { seat: "asc" }],
  });
  const last = bookings.at(-1);
  if (!last) return { kind: "ok", affected: [] };

  const zone = office.timeZone;
  const after = applyToRules(ctx.rules, change);
  const expand = (rules: Rules, to: LocalDate) =>
    expandSessions({ zone, series: rules.series, exceptions: rules.exceptions, from: ctx.today, to, holidayName: ctx.holidayName });
  const lastDate = localDateOf(last.startsAt, zone);
  const affected = affectedBookings({
    zone,
    before: expand(ctx.rules, lastDate),
    after: expand(after, lastDate),
    bookings: bookings.map((b) => ({ id: b.id, startsAt: b.startsAt, seat: b.seat! })),
  });
  if (affected.length === 0) return { kind: "ok", affected: [] };

  const until = addDays(lastDate, MOVE_WINDOW_DAYS);
  const sessions = expand(after, until);
  const taken = await placesTaken(db, office.id, instantAt(ctx.today, "00:00", zone), instantAt(addDays(until, 1), "00:00", zone));
  const byId = new Map(bookings.map((b) => [b.id, b]));
  return {
    kind: "ok",
    affected: affected.map(({ bookingId, why }) => {
      const { seat: _seat, ...booking } = byId.get(bookingId)!;
      return { ...booking, why, candidates: moveCandidates(sessions, taken, booking, zone, now, { days: MOVE_WINDOW_DAYS, limit: 6 }) };
    }),
  };
}
