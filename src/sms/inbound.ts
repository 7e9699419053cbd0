// What the SMS provider delivers: a delivery receipt is recorded on its outbox row; a
// reply may cancel a booking (domain/booking/cancel-by-reply.ts).
import type { DomainDeps } from "../domain/deps.ts";
import { cancelByReply } from "../domain/booking/cancel-by-reply.ts";
import { recordDeliveryReceipt } from "../domain/outbox/record-delivery-receipt.ts";
import { readCatalogue } from "../i18n/catalogue.ts";
import { isLocale, locales, type Locale } from "../i18n/locales.ts";
import type { Inbound } from "./smpp-client.ts";

/** Each language's cancel words (catalogue key smsReply.cancelWords), upper case. */
const cancelWords = new Map<Locale, ReadonlySet<string>>(
  locales.map((locale) => {
    const words = readCatalogue(locale).messages["smsReply.cancelWords"];
    const list = typeof words === "string" ? words.split(",") : [];
    return [locale, new Set(list.map((w) => w.trim().normalize("NFKC").toUpperCase()).filter(Boolean))];
  }),
);

export type InboundResult = { kind: "receipt-recorded" | "receipt-unknown" | "receipt-kept" | "unreadable" } | { kind: "cancelled" } | { kind: "reply-ignored"; reason: string };

export async function handleInbound(deps: DomainDeps, inbound: Inbound, now: Date): Promise<InboundResult> {
  if (inbound.kind === "unreadable") return { kind: "unreadable" };
  if (inbound.kind === "receipt") {
    const result = await recordDeliveryReceipt(deps.db, inbound, now);
    return { kind: result.kind === "recorded" ? "receipt-recorded" : result.kind === "kept" ? "receipt-kept" : "receipt-unknown" };
  }
  const result = await cancelByReply(deps, { from: inbound.from, text: inbound.text, cancelWords: (locale) => cancelWords.get(isLocale(locale) ? locale : "nl") ?? new Set() }, now);
  return result.kind === "cancelled" ? { kind: "cancelled" } : { kind: "reply-ignored", reason: result.reason };
}
