// The consultation series form: what was typed (kept for a re-render), what it means,
// and an error per field that is wrong. Checks that need the other series of the office
// (overlap) or its staff (host) are in validate-change.ts.
import { daysBetween, mondayOf, type LocalDate } from "../../local-date.ts";
import type { SeriesRule } from "../availability/sessions.ts";
import { list, scheduleDate, text, wholeNumber, type FieldErrors, type FormBody } from "./form-values.ts";
import { LIMITS, placesOf, readShape, timesOverlap, type SessionShape } from "./session-shape.ts";

export interface SeriesDraft extends SessionShape {
  weekdays: number[];
  intervalWeeks: number;
  walkInPlaces: number;
  validFrom: LocalDate;
  validUntil: LocalDate | null;
  horizonDays: number;
  minNoticeMinutes: number;
  hostId: number | null;
}

export interface SeriesValues {
  weekdays: string[];
  intervalWeeks: string;
  startTime: string;
  endTime: string;
  slotMinutes: string;
  capacity: string;
  walkInPlaces: string;
  validFrom: string;
  validUntil: string;
  horizonDays: string;
  minNoticeMinutes: string;
  hostId: string;
}

export const seriesFields = ["intervalWeeks", "startTime", "endTime", "slotMinutes", "capacity", "walkInPlaces", "validFrom", "validUntil", "horizonDays", "minNoticeMinutes", "hostId"] as const;

export function seriesValues(body: FormBody | undefined): SeriesValues {
  const values = { weekdays: list(body, "weekdays") } as SeriesValues;
  for (const field of seriesFields) values[field] = text(body, field);
  return values;
}

/** The form prefilled from a stored series (or the defaults for a new one). */
export function valuesOfSeries(series: Omit<SeriesDraft, "weekdays"> & { weekdays: string }): SeriesValues {
  return {
    weekdays: series.weekdays.split(",").map((d) => d.trim()),
    intervalWeeks: String(series.intervalWeeks),
    startTime: series.startTime,
    endTime: series.endTime,
    slotMinutes: String(series.slotMinutes),
    capacity: String(series.capacity),
    walkInPlaces: String(series.walkInPlaces),
    validFrom: series.validFrom,
    validUntil: series.validUntil ?? "",
    horizonDays: String(series.horizonDays),
    minNoticeMinutes: String(series.minNoticeMinutes),
    hostId: series.hostId === null ? "" : String(series.hostId),
  };
}

export function readSeriesForm(values: SeriesValues): { draft: SeriesDraft | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const weekdays = [...new Set(values.weekdays.map((d) => wholeNumber(d, 1, 7)))].filter((d): d is number => d !== null).sort();
  if (weekdays.length === 0 || weekdays.length !== new Set(values.weekdays).size) errors.weekdays = "staff.schedule.error.weekdays";
  const intervalWeeks = wholeNumber(values.intervalWeeks, LIMITS.intervalWeeks.min, LIMITS.intervalWeeks.max);
  if (intervalWeeks === null) errors.intervalWeeks = "staff.schedule.error.intervalWeeks";
  const shape = readShape(values, errors);
  const walkInPlaces = wholeNumber(values.walkInPlaces || "0", LIMITS.walkInPlaces.min, LIMITS.walkInPlaces.max);
  if (walkInPlaces === null) errors.walkInPlaces = "staff.schedule.error.walkInPlaces";
  else if (shape && !errors.endTime && !errors.slotMinutes && walkInPlaces > placesOf(shape)) errors.walkInPlaces = "staff.schedule.error.walkInTooMany";
  const validFrom = scheduleDate(values.validFrom);
  if (!validFrom) errors.validFrom = "staff.schedule.error.date";
  const validUntil = values.validUntil === "" ? null : scheduleDate(values.validUntil);
  if (values.validUntil !== "" && !validUntil) errors.validUntil = "staff.schedule.error.date";
  else if (validFrom && validUntil && validUntil < validFrom) errors.validUntil = "staff.schedule.error.untilBeforeFrom";
  const horizonDays = wholeNumber(values.horizonDays, LIMITS.horizonDays.min, LIMITS.horizonDays.max);
  if (horizonDays === null) errors.horizonDays = "staff.schedule.error.horizonDays";
  const minNoticeMinutes = wholeNumber(values.minNoticeMinutes || "0", LIMITS.minNoticeMinutes.min, LIMITS.minNoticeMinutes.max);
  if (minNoticeMinutes === null) errors.minNoticeMinutes = "staff.schedule.error.minNotice";
  const hostId = values.hostId === "" ? null : wholeNumber(values.hostId, 1, 999_999_999);
  if (values.hostId !== "" && hostId === null) errors.hostId = "staff.schedule.error.host";

  if (Object.keys(errors).length > 0 || !shape) return { draft: null, errors };
  return {
    draft: { ...shape, weekdays, intervalWeeks: intervalWeeks!, walkInPlaces: walkInPlaces!, validFrom: validFrom!, validUntil, horizonDays: horizonDays!, minNoticeMinutes: minNoticeMinutes!, hostId },
    errors,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

type SeriesTimes = Pick<SeriesRule, "weekdays" | "intervalWeeks" | "startTime" | "endTime" | "validFrom" | "validUntil">;

/**
 * Two series overlap when they can hold a session on the same day at overlapping times:
 * a shared weekday, overlapping hours and validity periods, and — for series that skip
 * weeks — weeks that coincide (every other Tuesday from two different weeks never meet).
 */
export function seriesOverlap(a: SeriesTimes, b: SeriesTimes): boolean {
  const daysA = a.weekdays.split(",").map(Number);
  if (!b.weekdays.split(",").map(Number).some((d) => daysA.includes(d))) return false;
  if (!timesOverlap(a, b)) return false;
  if (a.validUntil !== null && a.validUntil < b.validFrom) return false;
  if (b.validUntil !== null && b.validUntil < a.validFrom) return false;
  const step = gcd(Math.max(1, a.intervalWeeks), Math.max(1, b.intervalWeeks));
  const offset = daysBetween(mondayOf(a.validFrom), mondayOf(b.validFrom)) / 7;
  return ((offset % step) + step) % step === 0;
}

export function asRule(id: number, draft: SeriesDraft): SeriesRule {
  return { ...draft, id, weekdays: draft.weekdays.join(",") };
}
