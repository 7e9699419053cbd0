// Offices are read on nearly every request and change only when an administrator edits
// one, so all of them are read once and kept until the Office table is written.
import type { Db } from "../../db/client.ts";
import { ReadCache } from "../../db/read-cache.ts";
import type { Office } from "../../generated/prisma/client.ts";

const caches = new WeakMap<Db, ReadCache<Office[]>>();

/** Every office, active or not, head office first, then by name. */
export function allOffices(db: Db, now: Date): Promise<Office[]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache<Office[]>(db, ["Office"], 60_000, 1);
    caches.set(db, cache);
  }
  return cache.get("all", now, () => db.office.findMany({ orderBy: [{ isHeadOffice: "desc" }, { name: "asc" }] }));
}

/** An office that takes bookings, by its URL slug; null for unknown or inactive ones. */
export async function findActiveOffice(db: Db, slug: string, now: Date): Promise<Office | null> {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  return (await allOffices(db, now)).find((office) => office.slug === slug && office.active) ?? null;
}

export async function listActiveOffices(db: Db, now: Date): Promise<Office[]> {
  return (await allOffices(db, now)).filter((office) => office.active);
}

/** An office by its id, active or not; null when there is none. */
export async function findOffice(db: Db, id: number, now: Date): Promise<Office | null> {
  return (await allOffices(db, now)).find((office) => office.id === id) ?? null;
}

/** These offices, head office first, then by name. */
export async function officesWithIds(db: Db, ids: readonly number[], now: Date): Promise<Office[]> {
  return (await allOffices(db, now)).filter((office) => ids.includes(office.id));
}

/** Every office by name alone (for a list where the head office is not set apart). */
export async function officesByName(db: Db, now: Date): Promise<Office[]> {
  return [...(await allOffices(db, now))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}
