// A staff member replaces their own password: the current one must be given, the new
// one must pass the password rules (password-rules.ts), be typed twice alike, and differ
// from the current one (above all a one-time password an administrator handed out must
// really be replaced). The new hash
// and its audit entry are written together; the user's other sessions end, so other
// browsers must sign in again with the new password.
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../audit/audit-entry.ts";
import { MAX_PASSWORD_LENGTH, passwordProblem, type PasswordProblem } from "./password-rules.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { endOtherStaffSessions } from "./staff-sessions.ts";

export interface PasswordChange {
  userId: number;
  /** The secret of the session that asks: it stays signed in. */
  session: string;
  current: string;
  password: string;
  repeat: string;
}

export type PasswordField = "current" | "password" | "repeat";
export type ChangePasswordResult = { kind: "changed" } | { kind: "refused"; errors: Partial<Record<PasswordField, string>> };

const problemKeys: Record<PasswordProblem, string> = {
  tooShort: "staff.password.tooShort",
  tooLong: "staff.password.tooLong",
  common: "staff.password.common",
  pattern: "staff.password.pattern",
  personal: "staff.password.personal",
};

export async function changePassword(db: Db, input: PasswordChange, now: Date): Promise<ChangePasswordResult> {
  const errors: Partial<Record<PasswordField, string>> = {};
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: input.userId } });
  const problem = await passwordProblem(input.password, user);
  if (problem) errors.password = problemKeys[problem];
  if (input.repeat !== input.password) errors.repeat = "staff.password.mismatch";
  if (input.current.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(user.passwordHash, input.current))) errors.current = "staff.password.currentWrong";
  else if (input.password === input.current) errors.password ??= "staff.password.same";
  if (Object.keys(errors).length > 0) return { kind: "refused", errors };

  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await recordAudit(tx, { actor: { type: "staff", id: user.id }, action: "user.password-changed", entityType: "user", entityId: user.id }, now);
  });
  await endOtherStaffSessions(db, user.id, input.session);
  return { kind: "changed" };
}
