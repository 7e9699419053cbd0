// What the SMS provider delivers: a delivery receipt is recorded on its outbox row; a
// reply may answer an offer of a freed place (domain/desk/offer-by-reply.ts) or cancel a
// booking (domain/booking/cancel-by-reply.ts).
import type { DomainDeps } from "../domain/deps.ts";
import { cancelByReply } from "../domain/booking/cancel-by-reply.ts";
import { answerOfferByReply } from "../domain/desk/offer-by-reply.ts";
import { recordDeliveryReceipt } from "../domain/outbox/record-delivery-receipt.ts";
import { readCatalogue } from "../i18n/catalogue.ts";
import { isLocale, locales, type Locale } from "../i18n/locales.ts";
import type { Inbound } from "./smpp-client.ts";

/** Each language's words of a catalogue key (a comma-separated list), upper case. */
function wordLists(key: string): Map<Locale, ReadonlySet<string>> {
  return new Map(
    locales.map((locale) => {
      const words = readCatalogue(locale).messages[key];
      const list = typeof words === "string" ? words.split(",") : [];
      return [locale, new Set(list.map((w) => w.trim().normalize("NFKC").toUpperCase()).filter(Boolean))];
    }),
  );
}
const cancelWords = wordLists("smsReply.cancelWords");
const acceptWords = wordLists("smsReply.acceptWords");
const wordsOf = (lists: Map<Locale, ReadonlySet<string>>) => (locale: string) => lists.get(isLocale(locale) ? locale : "nl") ?? new Set<string>();

export type InboundResult =
  | { kind: "receipt-recorded" | "receipt-unknown" | "receipt-kept" | "unreadable" }
  | { kind: "cancelled" }
  /** A reply to an offer of a freed place: accepted, declined, or too late. */
  | { kind: "offer-answered"; answer: "accepted" | "declined" | "closed" }
  | { kind: "reply-ignored"; reason: string };

export async function handleInbound(deps: DomainDeps, inbound: Inbound, now: Date): Promise<InboundResult> {
  if (inbound.kind === "unreadable") return { kind: "unreadable" };
  if (inbound.kind === "receipt") {
    const result = await recordDeliveryReceipt(deps.db, inbound, now);
    return { kind: result.kind === "recorded" ? "receipt-recorded" : result.kind === "kept" ? "receipt-kept" : "receipt-unknown" };
  }
  const offer = await answerOfferByReply(deps, { from: inbound.from, text: inbound.text, acceptWords: wordsOf(acceptWords), declineWords: wordsOf(cancelWords) }, now);
  if (offer) return { kind: "offer-answered", answer: offer.kind };
  const result = await cancelByReply(deps, { from: inbound.from, text: inbound.text, cancelWords: wordsOf(cancelWords) }, now);
  return result.kind === "cancelled" ? { kind: "cancelled" } : { kind: "reply-ignored", reason: result.reason };
}
