import type { Db } from "../../db/client.ts";

/** An office that takes bookings, by its URL slug; null for unknown or inactive ones. */
export async function findActiveOffice(db: Db, slug: string) {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const office = await db.office.findUnique({ where: { slug } });
  return office?.active ? office : null;
}

export function listActiveOffices(db: Db) {
  return db.office.findMany({ where: { active: true }, orderBy: [{ isHeadOffice: "desc" }, { name: "asc" }] });
}
