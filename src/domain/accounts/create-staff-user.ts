// An administrator adds a staff account. The password is generated here and returned once
// so the page can show it; only its Argon2id hash is stored.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { StaffRole, StaffUser } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { existingOfficeIds } from "./staff-user-rules.ts";
import { hashPassword, readablePassword } from "./passwords.ts";

export interface NewStaffUser {
  actor: Actor;
  name: string;
  /** Already trimmed and lower-cased: sign-in compares lower-case. */
  email: string;
  role: StaffRole;
  officeIds: number[];
}

export type CreateStaffUserResult =
  | { kind: "created"; user: StaffUser; password: string }
  | { kind: "email-taken" }
  | { kind: "unknown-office" };

export async function createStaffUser(db: Db, input: NewStaffUser, now: Date): Promise<CreateStaffUserResult> {
  const password = readablePassword();
  // Hashing takes a moment; do it before the transaction holds the database.
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx): Promise<CreateStaffUserResult> => {
      if (await tx.staffUser.findUnique({ where: { email: input.email }, select: { id: true } })) return { kind: "email-taken" };
      const officeIds = await existingOfficeIds(tx, input.officeIds);
      if (officeIds.length !== new Set(input.officeIds).size) return { kind: "unknown-office" };
      const user = await tx.staffUser.create({
        data: {
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          offices: { create: officeIds.map((officeId) => ({ officeId })) },
        },
      });
      await recordAudit(
        tx,
        { actor: input.actor, action: "user.created", entityType: "user", entityId: user.id, detail: { role: user.role, offices: officeIds.join(",") } },
        now,
      );
      return { kind: "created", user, password };
    });
  } catch (error) {
    // Another request created the same email between the check and the insert.
    if (isUniqueViolation(error)) return { kind: "email-taken" };
    throw error;
  }
}
