// Reading a client's message on the staff outbox page is recorded: who read which
// message, and when (no content, no address).
import type { Db } from "../../db/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";

export async function recordMessageView(db: Db, input: { actor: Actor; messageId: number; officeId: number | null }, now: Date): Promise<void> {
  await recordAudit(db, { actor: input.actor, action: "outbox.viewed", entityType: "outbox", entityId: input.messageId, officeId: input.officeId }, now);
}
