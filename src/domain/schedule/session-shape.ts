// The rules every session shape keeps, whether it comes from a series, a changed date or
// an extra session: it ends after it starts and its slots fill it exactly.
import { minutesOfDay } from "../../local-date.ts";
import { wallClock, wholeNumber, type FieldErrors } from "./form-values.ts";

export const LIMITS = {
  slotMinutes: { min: 5, max: 240 },
  capacity: { min: 1, max: 50 },
  walkInPlaces: { min: 0, max: 999 },
  intervalWeeks: { min: 1, max: 8 },
  horizonDays: { min: 1, max: 366 },
  minNoticeMinutes: { min: 0, max: 10_080 },
} as const;

export interface SessionShape {
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacity: number;
}

export interface ShapeValues {
  startTime: string;
  endTime: string;
  slotMinutes: string;
  capacity: string;
}

/** Parses the four shape fields, adding a field error for each one that is wrong. */
export function readShape(values: ShapeValues, errors: FieldErrors): SessionShape | null {
  const startTime = wallClock(values.startTime);
  const endTime = wallClock(values.endTime);
  const slotMinutes = wholeNumber(values.slotMinutes, LIMITS.slotMinutes.min, LIMITS.slotMinutes.max);
  const capacity = wholeNumber(values.capacity, LIMITS.capacity.min, LIMITS.capacity.max);
  if (!startTime) errors.startTime = "staff.schedule.error.time";
  if (!endTime) errors.endTime = "staff.schedule.error.time";
  if (slotMinutes === null) errors.slotMinutes = "staff.schedule.error.slotMinutes";
  if (capacity === null) errors.capacity = "staff.schedule.error.capacity";
  // Report what can be judged even when another field is wrong, so one round shows all.
  if (startTime && endTime) Object.assign(errors, shapeErrors({ startTime, endTime, slotMinutes: slotMinutes ?? 1 }));
  if (!startTime || !endTime || slotMinutes === null || capacity === null || errors.endTime || errors.slotMinutes) return null;
  return { startTime, endTime, slotMinutes, capacity };
}

export function shapeErrors(shape: Omit<SessionShape, "capacity">): FieldErrors {
  const length = minutesOfDay(shape.endTime) - minutesOfDay(shape.startTime);
  if (length <= 0) return { endTime: "staff.schedule.error.endBeforeStart" };
  if (length % shape.slotMinutes !== 0) return { slotMinutes: "staff.schedule.error.slotDivides" };
  return {};
}

/** Places in one session: slots × people per slot. */
export function placesOf(shape: SessionShape): number {
  return ((minutesOfDay(shape.endTime) - minutesOfDay(shape.startTime)) / shape.slotMinutes) * shape.capacity;
}

export function timesOverlap(a: { startTime: string; endTime: string }, b: { startTime: string; endTime: string }): boolean {
  return a.startTime < b.endTime && b.startTime < a.endTime;
}
