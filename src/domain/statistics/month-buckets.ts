// Counting appointments per office and calendar month. The month is the one the
// appointment falls in on the office's wall clock (Europe/Amsterdam), not in UTC or in the
// server's zone: 31 January 23:30 UTC is a February appointment in Amsterdam.
import { localDateOf } from "../../local-date.ts";

/** Twelve counts, January first. */
export type MonthCounts = number[];

export function emptyMonths(): MonthCounts {
  return Array.from({ length: 12 }, () => 0);
}

/**
 * Counts per office id and month of `year` in `zone`. Appointments outside that local year
 * are left out, so a caller may read a generous UTC range.
 */
export function bucketByMonth(
  appointments: ReadonlyArray<{ officeId: number; startsAt: Date }>,
  year: number,
  zone: string,
): Map<number, MonthCounts> {
  const perOffice = new Map<number, MonthCounts>();
  for (const { officeId, startsAt } of appointments) {
    const local = localDateOf(startsAt, zone);
    if (Number(local.slice(0, 4)) !== year) continue;
    let months = perOffice.get(officeId);
    if (!months) perOffice.set(officeId, (months = emptyMonths()));
    months[Number(local.slice(5, 7)) - 1]! += 1;
  }
  return perOffice;
}
