// The staff start page: for each of the user's offices, today's sessions with their
// places taken and in all.
import type { Db } from "../../db/client.ts";
import { localDateOf } from "../../local-date.ts";
import { loadAvailability } from "../availability/load-availability.ts";
import { officesWithIds } from "../offices/find-office.ts";

export async function loadTodayOverview(db: Db, officeIds: readonly number[], zone: string, now: Date) {
  const today = localDateOf(now, zone);
  const overview = [];
  for (const office of await officesWithIds(db, officeIds, now)) {
    const sessions = await loadAvailability(db, office, { from: today, to: today }, now);
    overview.push({
      office,
      sessions: sessions.map((s) => ({ start: s.session.startTime, end: s.session.endTime, taken: s.taken, places: s.slots.length * s.session.capacity })),
    });
  }
  return { today, overview };
}
