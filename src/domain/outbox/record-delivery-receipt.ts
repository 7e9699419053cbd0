// A delivery receipt from the SMS provider, on the outbox row of the message it is about:
// whether the text reached the phone. A final state is not overwritten by a later
// intermediate one ("en route" arriving after "delivered"). A text sent in several parts
// gets a receipt per part (SmsPart): it is delivered once every part is, and failed as
// soon as one part fails — half a text, without its link, is not "delivered".
import type { Db } from "../../db/client.ts";

const intermediate = new Set(["ENROUTE", "ACCEPTED", "SCHEDULED"]);

export type ReceiptResult = { kind: "recorded"; outboxId: number } | { kind: "unknown-message" } | { kind: "kept" };

/** Whether a new state may replace the one recorded: not an intermediate over a final one. */
const replaces = (state: string, recorded: string | null) => !(intermediate.has(state) && recorded && !intermediate.has(recorded));

/** The state of a whole message from the states of its parts. */
export function messageState(parts: Array<string | null>): string | null {
  const failed = parts.find((s) => s && !intermediate.has(s) && s !== "DELIVERED");
  if (failed) return failed;
  if (parts.every((s) => s === "DELIVERED")) return "DELIVERED";
  // Not every part is through yet: on its way, as far as anyone knows.
  return parts.find((s) => s && intermediate.has(s)) ?? (parts.some((s) => s) ? "ENROUTE" : null);
}

export async function recordDeliveryReceipt(db: Db, receipt: { providerMessageId: string; state: string }, now: Date): Promise<ReceiptResult> {
  const state = receipt.state.slice(0, 20);
  const part = await db.smsPart.findFirst({ where: { providerMessageId: receipt.providerMessageId }, orderBy: { outboxId: "desc" } });
  if (part) {
    if (!replaces(state, part.deliveryStatus)) return { kind: "kept" };
    return db.$transaction(async (tx) => {
      await tx.smsPart.update({ where: { outboxId_part: { outboxId: part.outboxId, part: part.part } }, data: { deliveryStatus: state } });
      const parts = await tx.smsPart.findMany({ where: { outboxId: part.outboxId }, orderBy: { part: "asc" }, select: { deliveryStatus: true } });
      await tx.outboxMessage.update({ where: { id: part.outboxId }, data: { deliveryStatus: messageState(parts.map((p) => p.deliveryStatus)), deliveryReportedAt: now } });
      return { kind: "recorded" as const, outboxId: part.outboxId };
    });
  }
  const row = await db.outboxMessage.findFirst({
    where: { providerMessageId: receipt.providerMessageId, channel: "sms" },
    select: { id: true, deliveryStatus: true },
  });
  if (!row) return { kind: "unknown-message" };
  if (!replaces(state, row.deliveryStatus)) return { kind: "kept" };
  await db.outboxMessage.update({ where: { id: row.id }, data: { deliveryStatus: state, deliveryReportedAt: now } });
  return { kind: "recorded", outboxId: row.id };
}
