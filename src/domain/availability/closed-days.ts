// The dates on which an office would have held a session but holds none: closed (a
// closure, a public holiday) or the session cancelled. The office page shows them as
// closed, so a client does not wonder where the Tuesday went.
import { addDays, daysBetween, type LocalDate } from "../../local-date.ts";
import { runsOn, type ExpandInput, type Session } from "./sessions.ts";

export interface ClosedDay {
  date: LocalDate;
  /** The public holiday's Dutch name, when the office is closed for it. */
  holiday: string | undefined;
}

/** Pure: the same input as expandSessions, and the sessions it gave. */
export function closedDays(input: ExpandInput, sessions: readonly Session[]): ClosedDay[] {
  const held = new Set(sessions.map((s) => s.date));
  const closed: ClosedDay[] = [];
  for (let i = 0; i <= daysBetween(input.from, input.to); i++) {
    const date = addDays(input.from, i);
    if (held.has(date) || !input.series.some((rule) => runsOn(rule, date))) continue;
    const openOnHoliday = input.exceptions.some((e) => e.kind === "HOLIDAY_OPEN" && e.date === date);
    closed.push({ date, holiday: openOnHoliday ? undefined : input.holidayName(date) });
  }
  return closed;
}
