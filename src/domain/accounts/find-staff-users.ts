// Reading staff accounts for the administrator's pages.
import type { Db } from "../../db/client.ts";
import { isStaffLocale, type StaffLocale } from "../../i18n/catalogue.ts";

/** Every account, active ones first, by name, with the names of their offices. */
export function listStaffUsers(db: Db) {
  return db.staffUser.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    include: { offices: { include: { office: { select: { name: true } } } } },
  });
}

/** One account with the ids of its offices; null when there is none. */
export function findStaffUser(db: Db, id: number) {
  return db.staffUser.findUnique({ where: { id }, include: { offices: true } });
}

/** The language a staff member reads the staff pages in; anything else is ignored. */
export async function setStaffLocale(db: Db, userId: number, locale: unknown): Promise<StaffLocale | null> {
  if (!isStaffLocale(locale)) return null;
  await db.staffUser.update({ where: { id: userId }, data: { locale } });
  return locale;
}
