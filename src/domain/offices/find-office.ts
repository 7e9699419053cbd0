// Offices are read on nearly every request and change only when an administrator edits
// one, so all of them are read once and kept until the Office table is written.
import type { Db } from "../../db/client.ts";
import { ReadCache } from "../../db/read-cache.ts";
import type { Office, OfficeText } from "../../generated/prisma/client.ts";

/** An office with its names and directions in other languages. */
export type OfficeWithTexts = Office & { texts: OfficeText[] };

const caches = new WeakMap<Db, ReadCache<OfficeWithTexts[]>>();
/** The offices as read last, per database: for pages that must not wait for it (a 503). */
const lastRead = new WeakMap<Db, OfficeWithTexts[]>();

/** Every office, active or not, head office first, then by name. */
export function allOffices(db: Db, now: Date): Promise<OfficeWithTexts[]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache<OfficeWithTexts[]>(db, ["Office", "OfficeText"], 60_000, 1);
    caches.set(db, cache);
  }
  return cache.get("all", now, async () => {
    const offices = await db.office.findMany({ include: { texts: true }, orderBy: [{ isHeadOffice: "desc" }, { name: "asc" }] });
    lastRead.set(db, offices);
    return offices;
  });
}

/** An office that takes bookings, by its URL slug; null for unknown or inactive ones. */
export async function findActiveOffice(db: Db, slug: string, now: Date): Promise<OfficeWithTexts | null> {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  return (await allOffices(db, now)).find((office) => office.slug === slug && office.active) ?? null;
}

export async function listActiveOffices(db: Db, now: Date): Promise<OfficeWithTexts[]> {
  return (await allOffices(db, now)).filter((office) => office.active);
}

/** An office by its id, active or not; null when there is none. */
export async function findOffice(db: Db, id: number, now: Date): Promise<OfficeWithTexts | null> {
  return (await allOffices(db, now)).find((office) => office.id === id) ?? null;
}

/** These offices, head office first, then by name. */
export async function officesWithIds(db: Db, ids: readonly number[], now: Date): Promise<OfficeWithTexts[]> {
  return (await allOffices(db, now)).filter((office) => ids.includes(office.id));
}

/** Every office by name alone (for a list where the head office is not set apart). */
const headOf = (offices: readonly OfficeWithTexts[]) => offices.find((office) => office.isHeadOffice && office.active) ?? offices.find((office) => office.active) ?? null;

/** The head office (or, without one, the first active office): whom to call when nothing else is in context. */
export async function headOffice(db: Db, now: Date): Promise<OfficeWithTexts | null> {
  return headOf(await allOffices(db, now));
}

/** The head office as read last, without asking the database; null before the first read. */
export function lastKnownHeadOffice(db: Db): OfficeWithTexts | null {
  const offices = lastRead.get(db);
  return offices ? headOf(offices) : null;
}

export async function officesByName(db: Db, now: Date): Promise<OfficeWithTexts[]> {
  return [...(await allOffices(db, now))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}
