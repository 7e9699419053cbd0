// The system must always keep one administrator who can sign in: otherwise nobody could
// manage users any more. Checked inside the transaction that would take the role away.
import type { Tx } from "../../db/client.ts";

/** True when no other active administrator than `userId` exists. */
export async function isLastActiveAdmin(tx: Tx, userId: number): Promise<boolean> {
  const others = await tx.staffUser.count({ where: { role: "ADMIN", disabled: false, id: { not: userId } } });
  return others === 0;
}

/** Offices that exist, of the ones asked for; the caller compares the lengths. */
export async function existingOfficeIds(tx: Tx, officeIds: number[]): Promise<number[]> {
  if (officeIds.length === 0) return [];
  const rows = await tx.office.findMany({ where: { id: { in: officeIds } }, select: { id: true } });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
