// An administrator changes a staff member's name, role and offices. Nobody can take the
// administrator role away from themselves, and the last active administrator keeps it.
import type { Db } from "../../db/client.ts";
import type { StaffRole, StaffUser } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { existingOfficeIds, isLastActiveAdmin } from "./staff-user-rules.ts";

export interface StaffUserChange {
  actor: Actor;
  userId: number;
  name: string;
  role: StaffRole;
  officeIds: number[];
}

export type UpdateStaffUserResult =
  | { kind: "updated"; user: StaffUser }
  | { kind: "not-found" }
  | { kind: "own-admin-role" }
  | { kind: "last-admin" }
  | { kind: "unknown-office" };

export function updateStaffUser(db: Db, input: StaffUserChange, now: Date): Promise<UpdateStaffUserResult> {
  return db.$transaction(async (tx): Promise<UpdateStaffUserResult> => {
    const user = await tx.staffUser.findUnique({ where: { id: input.userId } });
    if (!user) return { kind: "not-found" };
    if (user.role === "ADMIN" && input.role !== "ADMIN") {
      if (input.actor.id === user.id) return { kind: "own-admin-role" };
      if (!user.disabled && (await isLastActiveAdmin(tx, user.id))) return { kind: "last-admin" };
    }
    const officeIds = await existingOfficeIds(tx, input.officeIds);
    if (officeIds.length !== new Set(input.officeIds).size) return { kind: "unknown-office" };
    await tx.staffUserOffice.deleteMany({ where: { userId: user.id } });
    const updated = await tx.staffUser.update({
      where: { id: user.id },
      data: { name: input.name, role: input.role, offices: { create: officeIds.map((officeId) => ({ officeId })) } },
    });
    await recordAudit(
      tx,
      {
        actor: input.actor,
        action: "user.updated",
        entityType: "user",
        entityId: user.id,
        detail: { role: updated.role, previousRole: user.role, offices: officeIds.join(",") },
      },
      now,
    );
    return { kind: "updated", user: updated };
  });
}
