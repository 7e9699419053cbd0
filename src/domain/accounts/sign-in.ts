// Signing in: the throttle first (an attempt is reserved before the password is checked,
// see login-throttle.ts), then the password — against a decoy hash when the email is
// unknown or the account disabled, so every refusal costs the same time and says the
// same thing. A success is audited; the caller starts the session.
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../audit/audit-entry.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { decoyHash, verifyPassword } from "./passwords.ts";

export type SignInResult = { kind: "signed-in"; userId: number } | { kind: "refused" } | { kind: "wait" };

export async function signIn(deps: { db: Db; throttle: LoginThrottle }, input: { email: string; password: string }, now: Date): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  if (!(await deps.throttle.reserve(email, now)).allowed) return { kind: "wait" };
  const user = await deps.db.staffUser.findUnique({ where: { email } });
  const usable = user && !user.disabled ? user : null;
  const ok = await verifyPassword(usable ? usable.passwordHash : await decoyHash(), input.password);
  if (!usable || !ok) return { kind: "refused" };
  await deps.throttle.succeeded(email, now);
  await recordAudit(deps.db, { actor: { type: "staff", id: usable.id }, action: "user.signed-in", entityType: "user", entityId: usable.id }, now);
  return { kind: "signed-in", userId: usable.id };
}
