// The forms for one date: cancel or change a date of a series, add an extra session,
// close the office for a day or a period, open it on a public holiday.
import { daysBetween, type LocalDate } from "../../local-date.ts";
import type { ExceptionKindName, ExceptionRule } from "../availability/sessions.ts";
import { reasonText, scheduleDate, text, wholeNumber, type FieldErrors, type FormBody } from "./form-values.ts";
import { readShape } from "./session-shape.ts";

/** An exception as the form describes it: the rule without its id, and the staff's reason. */
export interface ExceptionDraft extends Omit<ExceptionRule, "id"> {
  reason: string | null;
}

export const exceptionFields = ["seriesId", "date", "endDate", "startTime", "endTime", "slotMinutes", "capacity", "reason"] as const;
export type ExceptionValues = Record<(typeof exceptionFields)[number], string>;

/** A closure covers at most a year; longer means the series should end instead. */
export const MAX_CLOSURE_DAYS = 366;

const kinds: readonly ExceptionKindName[] = ["CANCEL", "CHANGE", "EXTRA", "CLOSURE", "HOLIDAY_OPEN"];

export function exceptionKind(raw: unknown): ExceptionKindName | null {
  return kinds.find((k) => k === raw) ?? null;
}

export function exceptionValues(body: FormBody | undefined): ExceptionValues {
  const values = {} as ExceptionValues;
  for (const field of exceptionFields) values[field] = text(body, field);
  return values;
}

/** Which fields each kind of exception asks for. */
export function fieldsOf(kind: ExceptionKindName) {
  return {
    series: kind === "CANCEL" || kind === "CHANGE",
    shape: kind === "CHANGE" || kind === "EXTRA",
    endDate: kind === "CLOSURE",
    reason: kind !== "HOLIDAY_OPEN",
  };
}

export function readExceptionForm(kind: ExceptionKindName, values: ExceptionValues): { draft: ExceptionDraft | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const uses = fieldsOf(kind);
  const date = scheduleDate(values.date);
  if (!date) errors.date = "staff.schedule.error.date";
  let seriesId: number | null = null;
  if (uses.series) {
    seriesId = wholeNumber(values.seriesId, 1, 999_999_999);
    if (seriesId === null) errors.seriesId = "staff.schedule.error.series";
  }
  let endDate: LocalDate | null = null;
  if (uses.endDate && values.endDate !== "") {
    endDate = scheduleDate(values.endDate);
    if (!endDate) errors.endDate = "staff.schedule.error.date";
    else if (date && endDate < date) errors.endDate = "staff.schedule.error.endDateBeforeDate";
    else if (date && daysBetween(date, endDate) >= MAX_CLOSURE_DAYS) errors.endDate = "staff.schedule.error.closureTooLong";
  }
  const shape = uses.shape ? readShape(values, errors) : null;
  const reason = uses.reason ? reasonText(values.reason) : null;
  if (uses.reason && reason === null) errors.reason = "staff.schedule.error.reasonTooLong";

  if (Object.keys(errors).length > 0 || !date) return { draft: null, errors };
  return {
    draft: {
      kind,
      seriesId,
      date,
      endDate: uses.endDate ? (endDate ?? date) : null,
      startTime: shape?.startTime ?? null,
      endTime: shape?.endTime ?? null,
      slotMinutes: shape?.slotMinutes ?? null,
      capacity: shape?.capacity ?? null,
      reason: reason || null,
    },
    errors,
  };
}

export function asExceptionRule(id: number, draft: ExceptionDraft): ExceptionRule {
  const { reason: _reason, ...rule } = draft;
  return { ...rule, id };
}
