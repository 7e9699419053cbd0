// The language an officer wrote a cancellation reason in: the language of their staff
// pages (Dutch or English). Clients see the reason as the officer's own words, marked
// with this language, never as a translation. Without a staff member (a system action)
// it is Dutch, the staff side's default.
import type { Db, Tx } from "../../db/client.ts";
import type { Actor } from "../audit/audit-entry.ts";

export type ReasonLanguage = "nl" | "en";

const known = (locale: string | undefined): ReasonLanguage => (locale === "en" ? "en" : "nl");

/** The language of the staff member acting now. */
export async function actorLanguage(tx: Tx | Db, actor: Actor): Promise<ReasonLanguage> {
  if (actor.type !== "staff" || actor.id === undefined) return "nl";
  const user = await tx.staffUser.findUnique({ where: { id: actor.id }, select: { locale: true } });
  return known(user?.locale);
}

/** The language of the staff member who cancelled this booking, from its audit entry. */
export async function cancelReasonLanguage(db: Db, bookingId: number): Promise<ReasonLanguage> {
  const entry = await db.auditEntry.findFirst({
    where: { entityType: "booking", entityId: bookingId, action: "booking.cancelled", actorType: "staff" },
    orderBy: { id: "desc" },
    select: { actorId: true },
  });
  return entry?.actorId ? actorLanguage(db, { type: "staff", id: entry.actorId }) : "nl";
}
