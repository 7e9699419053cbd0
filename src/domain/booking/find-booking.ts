import type { Db } from "../../db/client.ts";
import { hashManageToken, isManageToken } from "./manage-token.ts";

/** The booking a manage token opens, with its office (and its texts in other languages); null for any token that opens nothing. */
export async function findBookingByToken(db: Db, token: string) {
  if (!isManageToken(token)) return null;
  return db.booking.findUnique({
    where: { manageTokenHash: hashManageToken(token) },
    include: { office: { include: { texts: true } } },
  });
}

/** A booking by its id, with its office; null when there is none. */
export function findBookingById(db: Db, id: number) {
  return Number.isSafeInteger(id) && id > 0 ? db.booking.findUnique({ where: { id }, include: { office: true } }) : Promise.resolve(null);
}
