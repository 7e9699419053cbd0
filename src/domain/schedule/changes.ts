// A schedule change as data, and what the office's rules look like once it is made.
// Pure: planning (which bookings does it touch?) and applying use the same function.
import type { LocalDate } from "../../local-date.ts";
import type { ExceptionRule, SeriesRule } from "../availability/sessions.ts";
import { asExceptionRule, type ExceptionDraft } from "./exception-form.ts";
import { asRule, type SeriesDraft } from "./series-form.ts";

export type ScheduleChange =
  | { type: "series.create"; series: SeriesDraft }
  | { type: "series.update"; seriesId: number; series: SeriesDraft }
  | { type: "series.end"; seriesId: number; lastDate: LocalDate }
  | { type: "exception.create"; exception: ExceptionDraft }
  | { type: "exception.remove"; exceptionId: number };

export interface Rules {
  series: SeriesRule[];
  exceptions: ExceptionRule[];
}

/** The id a rule has before it is stored; database ids start at 1. */
export const UNSAVED_ID = 0;

/** A new CHANGE for a date replaces the one the series already has for that date. */
export function replacedChange(exceptions: ExceptionRule[], draft: ExceptionDraft): ExceptionRule | undefined {
  if (draft.kind !== "CHANGE") return undefined;
  return exceptions.find((e) => e.kind === "CHANGE" && e.seriesId === draft.seriesId && e.date === draft.date);
}

export function applyToRules(rules: Rules, change: ScheduleChange): Rules {
  switch (change.type) {
    case "series.create":
      return { ...rules, series: [...rules.series, asRule(UNSAVED_ID, change.series)] };
    case "series.update":
      return { ...rules, series: rules.series.map((s) => (s.id === change.seriesId ? asRule(s.id, change.series) : s)) };
    case "series.end":
      return { ...rules, series: rules.series.map((s) => (s.id === change.seriesId ? { ...s, validUntil: change.lastDate } : s)) };
    case "exception.create": {
      const replaced = replacedChange(rules.exceptions, change.exception);
      return {
        ...rules,
        exceptions: [...rules.exceptions.filter((e) => e !== replaced), asExceptionRule(UNSAVED_ID, change.exception)],
      };
    }
    case "exception.remove":
      return { ...rules, exceptions: rules.exceptions.filter((e) => e.id !== change.exceptionId) };
  }
}
