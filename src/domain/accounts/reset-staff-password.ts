// An administrator gives a staff member a new one-time password (shown once) and ends
// all their sessions. One's own password is changed on the password page instead, with
// the current one, so this cannot be used to skip that check.
import type { Db } from "../../db/client.ts";
import type { StaffUser } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { hashPassword, readablePassword } from "./passwords.ts";

export type ResetPasswordResult = { kind: "reset"; user: StaffUser; password: string } | { kind: "not-found" } | { kind: "self" };

export async function resetStaffPassword(db: Db, input: { actor: Actor; userId: number }, now: Date): Promise<ResetPasswordResult> {
  if (input.actor.id === input.userId) return { kind: "self" };
  const password = readablePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx): Promise<ResetPasswordResult> => {
    const user = await tx.staffUser.findUnique({ where: { id: input.userId } });
    if (!user) return { kind: "not-found" };
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    await tx.staffSession.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actor: input.actor, action: "user.password-reset", entityType: "user", entityId: user.id, detail: { role: user.role } }, now);
    return { kind: "reset", user, password };
  });
}
