import type { Db } from "../../db/client.ts";
import { hashManageToken, isManageToken } from "./manage-token.ts";

/** The booking a manage token opens, with its office; null for any token that opens nothing. */
export async function findBookingByToken(db: Db, token: string) {
  if (!isManageToken(token)) return null;
  return db.booking.findUnique({
    where: { manageTokenHash: hashManageToken(token) },
    include: { office: true },
  });
}
