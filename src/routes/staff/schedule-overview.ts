// The schedule page of one office, shaped for its template. Also rendered (status 422)
// when a button on it — opening on a holiday, removing an exception — is refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Office, StaffRole } from "../../generated/prisma/client.ts";
import { parseWeekdays } from "../../domain/availability/sessions.ts";
import type { FieldErrors } from "../../domain/schedule/form-values.ts";
import { loadSchedule } from "../../domain/schedule/load-schedule.ts";
import { findSettledBookings, settledIds } from "../../domain/schedule/settled-bookings.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { formatBookingCode, formatter, type Formatter } from "../../i18n/format.ts";
import { reachView, toCall } from "./reach-view.ts";
import { staffOffices } from "./scope.ts";
import { signedIn } from "./session.ts";
import { doneNotice } from "./admin-form.ts";

/** A date, or the whole range of a closure that lasts several days ("Monday, 7 December 2026 – Friday, 11 December 2026"). */
export function dateRange(fmt: Formatter, date: string, endDate: string | null): string {
  return endDate && endDate !== date ? `${fmt.localDate(date)} – ${fmt.localDate(endDate)}` : fmt.localDate(date);
}

/** Route options of every schedule route: officers and admins only. */
export const scheduleRoles: { config: { roles: StaffRole[] } } = { config: { roles: ["ADMIN", "OFFICER"] } };

export const kindKeys = {
  CANCEL: "staff.schedule.kind.cancel",
  CHANGE: "staff.schedule.kind.change",
  EXTRA: "staff.schedule.kind.extra",
  CLOSURE: "staff.schedule.kind.closure",
  HOLIDAY_OPEN: "staff.schedule.kind.holidayOpen",
} as const;

const doneKeys: Record<string, string> = {
  "series.create": "staff.schedule.done.seriesCreated",
  "series.update": "staff.schedule.done.seriesUpdated",
  "series.end": "staff.schedule.done.seriesEnded",
  "exception.create": "staff.schedule.done.exceptionCreated",
  "exception.remove": "staff.schedule.done.exceptionRemoved",
};

/** "dinsdag en donderdag 10:00–12:00" — how a series or its date is named on the pages. */
export function seriesLabel(fmt: Formatter, series: { weekdays: string; startTime: string; endTime: string }): string {
  return `${parseWeekdays(series.weekdays).map((d) => fmt.weekday(d)).join(", ")} ${series.startTime}–${series.endTime}`;
}

export function scheduleUrl(office: { id: number }): string {
  return `/staff/offices/${office.id}/schedule`;
}

/** What the redirect after a saved change reports: `?done=<change>&cancelled=<n>&moved=<n>&bookings=<ids>`. */
export interface SavedChange {
  done?: unknown;
  cancelled?: unknown;
  moved?: unknown;
  bookings?: unknown;
}

export async function renderOverview(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  office: Office,
  state: { status: number; errors: FieldErrors; saved?: SavedChange },
) {
  const now = app.clock.now();
  const fmt = formatter(signedIn(request).user.locale, office.timeZone);
  const data = await loadSchedule(app.db, office, now);
  const offices = await staffOffices(app, request);
  const query = state.saved ?? {};
  const doneKey = doneNotice(doneKeys, query.done) ?? undefined;
  const count = (v: unknown) => (typeof v === "string" && /^\d{1,4}$/.test(v) ? Number(v) : 0);
  const t = staffTranslator(signedIn(request).user.locale);
  const settled = doneKey && state.status === 200 ? await findSettledBookings(app.db, office.id, settledIds(query.bookings)) : [];
  const clients = settled.map((b) => ({
    id: b.id,
    code: formatBookingCode(b.code),
    name: b.name,
    when: `${fmt.date(b.startsAt)}, ${fmt.time(b.startsAt)}–${fmt.time(b.endsAt)}`,
    outcome: b.status === "CANCELLED" ? t("staff.schedule.done.cancelled") : t("staff.schedule.done.movedTo", { slot: `${fmt.dateShort(b.startsAt)} ${fmt.time(b.startsAt)}` }),
    reach: reachView(b, t),
  }));
  const html = await reply.viewAsync("staff/schedule/overview.eta", {
    office,
    offices: offices.map((o) => ({ id: o.id, name: o.name, current: o.id === office.id })),
    base: scheduleUrl(office),
    done: doneKey && state.status === 200 ? { key: doneKey, cancelled: count(query.cancelled), moved: count(query.moved), clients, toCall: toCall(clients.map((c) => c.reach)) } : null,
    // Refusals on this page come from its buttons, not from fields: one message for the page.
    errors: Object.keys(state.errors).length > 0 ? { form: Object.values(state.errors)[0]! } : {},
    series: data.current.map((s) => ({
      id: s.id,
      days: parseWeekdays(s.weekdays).map((d) => fmt.weekday(d)).join(", "),
      intervalWeeks: s.intervalWeeks,
      times: `${s.startTime}–${s.endTime}`,
      slotMinutes: s.slotMinutes,
      capacity: s.capacity,
      walkInPlaces: s.walkInPlaces,
      validFrom: fmt.localDate(s.validFrom),
      validUntil: s.validUntil ? fmt.localDate(s.validUntil) : null,
      horizonDays: s.horizonDays,
      minNoticeMinutes: s.minNoticeMinutes,
      host: s.host?.name ?? null,
    })),
    ended: data.ended.map((s) => ({ id: s.id, label: seriesLabel(fmt, s), validUntil: fmt.localDate(s.validUntil!) })),
    exceptions: data.exceptions.map((e) => ({
      id: e.id,
      kindKey: kindKeys[e.kind],
      date: fmt.localDate(e.date),
      endDate: e.endDate && e.endDate !== e.date ? fmt.localDate(e.endDate) : null,
      series: e.series ? seriesLabel(fmt, e.series) : null,
      times: e.startTime && e.endTime ? `${e.startTime}–${e.endTime}` : null,
      slotMinutes: e.slotMinutes,
      capacity: e.capacity,
      reason: e.reason,
    })),
    holidays: data.holidays.map((h) => ({ ...h, label: fmt.localDate(h.date) })),
    upcoming: data.upcoming.map((s) => ({
      date: s.session.date,
      label: fmt.localDate(s.session.date),
      times: `${s.session.startTime}–${s.session.endTime}`,
      seriesId: s.session.seriesId,
      changed: s.session.exceptionId !== null,
      extra: s.session.seriesId === null,
      holiday: s.session.holiday ?? null,
      taken: s.taken,
      places: s.slots.length * s.session.capacity,
    })),
  });
  return reply.code(state.status).type("text/html; charset=utf-8").send(html);
}
