// The sessions one office has on one day, with their slots, kept for rules seen before.
// Expanding rules into sessions and slots means time-zone arithmetic for every slot; a
// booking needs it for one day, and that day's rules change seldom. Pure memoization:
// the key is the rules themselves, so changed rules never meet an old answer.
import type { LocalDate } from "../../local-date.ts";
import { officeSessions, type OfficeRef } from "./load-availability.ts";
import { slotsOf, type ExceptionRule, type SeriesRule, type Session, type Slot } from "./sessions.ts";

export interface DayPlan {
  sessions: Session[];
  slots: Map<Session, Slot[]>;
}

const MAX_PLANS = 2_000;
const plans = new Map<string, DayPlan>();

export function dayPlan(office: OfficeRef, day: LocalDate, rules: { series: SeriesRule[]; exceptions: ExceptionRule[] }): DayPlan {
  const key = `${office.id}|${office.timeZone}|${day}|${JSON.stringify(rules.series)}|${JSON.stringify(rules.exceptions)}`;
  const known = plans.get(key);
  if (known) return known;
  const sessions = officeSessions(office, { from: day, to: day }, rules);
  const plan = { sessions, slots: new Map(sessions.map((s) => [s, slotsOf(s, office.timeZone)])) };
  if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  plans.set(key, plan);
  return plan;
}
