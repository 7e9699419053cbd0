// One office's series and exceptions, as the schedule forms look them up: an id from a
// path or a form finds an entry only at the office it belongs to.
import type { Db } from "../../db/client.ts";
import type { LocalDate } from "../../local-date.ts";

const asId = (raw: unknown) => (typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : typeof raw === "number" && Number.isSafeInteger(raw) ? raw : 0);

export function findSeries(db: Db, officeId: number, id: unknown) {
  const seriesId = asId(id);
  return seriesId ? db.consultationSeries.findFirst({ where: { id: seriesId, officeId } }) : Promise.resolve(null);
}

export function findException(db: Db, officeId: number, id: unknown) {
  const exceptionId = asId(id);
  return exceptionId ? db.scheduleException.findFirst({ where: { id: exceptionId, officeId } }) : Promise.resolve(null);
}

/** The office's series that have not ended before `today`, earliest first. */
export function currentSeries(db: Db, officeId: number, today: LocalDate) {
  return db.consultationSeries.findMany({
    where: { officeId, OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
    orderBy: [{ validFrom: "asc" }, { startTime: "asc" }],
  });
}
