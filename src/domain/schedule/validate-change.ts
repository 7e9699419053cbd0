// Checks of a schedule change that need the office's other rules: overlapping series,
// a host who works there, a date on which the series really runs, a real holiday.
// Pure: the caller loads the rules.
import { addDays, type LocalDate } from "../../local-date.ts";
import { expandSessions, type Session } from "../availability/sessions.ts";
import { applyToRules, UNSAVED_ID, type Rules, type ScheduleChange } from "./changes.ts";
import type { ExceptionDraft } from "./exception-form.ts";
import type { FieldErrors } from "./form-values.ts";
import { seriesOverlap, type SeriesDraft } from "./series-form.ts";
import { placesOf, timesOverlap } from "./session-shape.ts";

export interface ValidationContext {
  zone: string;
  today: LocalDate;
  /** Every series of the office; the exceptions from today on. */
  rules: Rules;
  /** Staff who may host this office's sessions (officers and admins who work there). */
  hostIds: number[];
  holidayName: (date: LocalDate) => string | undefined;
}

export function sessionsOn(ctx: ValidationContext, rules: Rules, date: LocalDate): Session[] {
  return expandSessions({ zone: ctx.zone, series: rules.series, exceptions: rules.exceptions, from: date, to: date, holidayName: ctx.holidayName });
}

function seriesErrors(ctx: ValidationContext, series: SeriesDraft, editing: number): FieldErrors {
  const errors: FieldErrors = {};
  const rule = { ...series, weekdays: series.weekdays.join(",") };
  if (ctx.rules.series.some((other) => other.id !== editing && seriesOverlap(rule, other))) errors.weekdays = "staff.schedule.error.overlap";
  if (series.hostId !== null && !ctx.hostIds.includes(series.hostId)) errors.hostId = "staff.schedule.error.host";
  return errors;
}

function exceptionErrors(ctx: ValidationContext, draft: ExceptionDraft): FieldErrors {
  const { rules, today } = ctx;
  const lastDay = draft.endDate ?? draft.date;
  if (lastDay < today || (draft.kind !== "CLOSURE" && draft.date < today)) return { date: "staff.schedule.error.pastDate" };
  switch (draft.kind) {
    case "CANCEL":
    case "CHANGE": {
      const series = rules.series.find((s) => s.id === draft.seriesId);
      if (!series) return { seriesId: "staff.schedule.error.series" };
      if (!sessionsOn(ctx, rules, draft.date).some((s) => s.seriesId === series.id)) return { date: "staff.schedule.error.noSession" };
      if (draft.kind === "CHANGE" && series.walkInPlaces > placesOf({ startTime: draft.startTime!, endTime: draft.endTime!, slotMinutes: draft.slotMinutes!, capacity: draft.capacity! })) {
        return { capacity: "staff.schedule.error.walkInTooMany" };
      }
      break;
    }
    case "EXTRA":
      if (rules.exceptions.some((e) => e.kind === "CLOSURE" && e.date <= draft.date && draft.date <= (e.endDate ?? e.date))) return { date: "staff.schedule.error.closed" };
      break;
    case "HOLIDAY_OPEN":
      if (!ctx.holidayName(draft.date)) return { date: "staff.schedule.error.notHoliday" };
      if (rules.exceptions.some((e) => e.kind === "HOLIDAY_OPEN" && e.date === draft.date)) return { date: "staff.schedule.error.alreadyOpen" };
      break;
    case "CLOSURE":
      break;
  }
  if (draft.kind === "CHANGE" || draft.kind === "EXTRA") {
    // The new session must not run into another one that day.
    const after = sessionsOn(ctx, applyToRules(rules, { type: "exception.create", exception: draft }), draft.date);
    const own = after.find((s) => s.exceptionId === UNSAVED_ID);
    if (own && after.some((s) => s !== own && timesOverlap(s, own))) return { startTime: "staff.schedule.error.overlapSession" };
  }
  return {};
}

export function validateChange(ctx: ValidationContext, change: ScheduleChange): FieldErrors {
  switch (change.type) {
    case "series.create":
      return seriesErrors(ctx, change.series, UNSAVED_ID);
    case "series.update":
      return seriesErrors(ctx, change.series, change.seriesId);
    case "series.end": {
      const series = ctx.rules.series.find((s) => s.id === change.seriesId);
      if (!series) return { lastDate: "staff.schedule.error.series" };
      if (change.lastDate < addDays(series.validFrom, -1)) return { lastDate: "staff.schedule.error.endBeforeFrom" };
      if (series.validUntil !== null && change.lastDate > series.validUntil) return { lastDate: "staff.schedule.error.endAfterUntil" };
      return {};
    }
    case "exception.create":
      return exceptionErrors(ctx, change.exception);
    case "exception.remove":
      return ctx.rules.exceptions.some((e) => e.id === change.exceptionId) ? {} : { form: "staff.schedule.error.exceptionGone" };
  }
}
