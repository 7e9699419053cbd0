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

/**
 * The language chosen on the sign-in page, for an account that has not yet chosen its own
 * password (a new account, or one an administrator reset): the first pages it sees then
 * speak the language its user just picked. Other accounts keep their own choice.
 */
export async function adoptSignInLocale(db: Db, userId: number, locale: unknown): Promise<void> {
  if (!isStaffLocale(locale)) return;
  await db.staffUser.updateMany({ where: { id: userId, mustChangePassword: true }, data: { locale } });
}

/** The language a staff member reads the staff pages in; anything else is ignored. */
export async function setStaffLocale(db: Db, userId: number, locale: unknown): Promise<StaffLocale | null> {
  if (!isStaffLocale(locale)) return null;
  await db.staffUser.update({ where: { id: userId }, data: { locale } });
  return locale;
}
