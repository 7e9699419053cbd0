// Disabling an account signs it out everywhere at once (its sessions are deleted in the
// same transaction) and blocks sign-in; enabling lets the person sign in again.
import type { Db } from "../../db/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { isLastActiveAdmin } from "./staff-user-rules.ts";

export interface DisableInput {
  actor: Actor;
  userId: number;
  disabled: boolean;
}

export type DisableResult = { kind: "done"; changed: boolean } | { kind: "not-found" } | { kind: "self" } | { kind: "last-admin" };

export function setStaffUserDisabled(db: Db, input: DisableInput, now: Date): Promise<DisableResult> {
  return db.$transaction(async (tx): Promise<DisableResult> => {
    const user = await tx.staffUser.findUnique({ where: { id: input.userId } });
    if (!user) return { kind: "not-found" };
    if (input.disabled) {
      if (input.actor.id === user.id) return { kind: "self" };
      if (user.role === "ADMIN" && !user.disabled && (await isLastActiveAdmin(tx, user.id))) return { kind: "last-admin" };
    }
    if (user.disabled === input.disabled) return { kind: "done", changed: false };
    await tx.staffUser.update({ where: { id: user.id }, data: { disabled: input.disabled } });
    if (input.disabled) await tx.staffSession.deleteMany({ where: { userId: user.id } });
    await recordAudit(
      tx,
      { actor: input.actor, action: input.disabled ? "user.disabled" : "user.enabled", entityType: "user", entityId: user.id, detail: { role: user.role } },
      now,
    );
    return { kind: "done", changed: true };
  });
}
