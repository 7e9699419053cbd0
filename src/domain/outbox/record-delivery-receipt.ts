// A delivery receipt from the SMS provider, on the outbox row of the message it is about:
// whether the text reached the phone. A final state is not overwritten by a later
// intermediate one ("en route" arriving after "delivered").
import type { Db } from "../../db/client.ts";

const intermediate = new Set(["ENROUTE", "ACCEPTED", "SCHEDULED"]);

export type ReceiptResult = { kind: "recorded"; outboxId: number } | { kind: "unknown-message" } | { kind: "kept" };

export async function recordDeliveryReceipt(db: Db, receipt: { providerMessageId: string; state: string }, now: Date): Promise<ReceiptResult> {
  const row = await db.outboxMessage.findFirst({
    where: { providerMessageId: receipt.providerMessageId, channel: "sms" },
    select: { id: true, deliveryStatus: true },
  });
  if (!row) return { kind: "unknown-message" };
  if (intermediate.has(receipt.state) && row.deliveryStatus && !intermediate.has(row.deliveryStatus)) return { kind: "kept" };
  await db.outboxMessage.update({ where: { id: row.id }, data: { deliveryStatus: receipt.state.slice(0, 20), deliveryReportedAt: now } });
  return { kind: "recorded", outboxId: row.id };
}
