// Someone offered a freed place by text message answers it by replying: a yes word ("JA",
// "YES" …) accepts, a cancel word ("NEE", "NO" …) declines, in their language, Dutch or
// English, with nothing else. The reply must come from the number the offer went to, and
// that number must have exactly one open offer; anything else is left to the cancel
// replies (cancel-by-reply.ts), which need a booking code.
import type { DomainDeps } from "../deps.ts";
import { readReply } from "../booking/cancel-by-reply.ts";
import { phoneKey } from "../booking/contact-keys.ts";
import { answerOffer, openOfferForPhone } from "./answer-offer.ts";

export interface OfferReply {
  /** The sender's number, E.164. */
  from: string;
  text: string;
  /** A language's words, upper case: yes to an offer, and no (the cancel words). */
  acceptWords: (locale: string) => ReadonlySet<string>;
  declineWords: (locale: string) => ReadonlySet<string>;
}

export type OfferReplyResult = { kind: "accepted" | "declined" | "closed" } | null;

export async function answerOfferByReply(deps: DomainDeps, reply: OfferReply, now: Date): Promise<OfferReplyResult> {
  const { code, words } = readReply(reply.text.slice(0, 500));
  if (code || words.length === 0) return null;
  const key = phoneKey(reply.from);
  if (!key) return null;
  const open = await openOfferForPhone(deps.db, key, now);
  if (!open) return null;
  const inAll = (list: (locale: string) => ReadonlySet<string>) => {
    const allowed = new Set([...list(open.locale), ...list("nl"), ...list("en")]);
    return words.every((w) => allowed.has(w));
  };
  const answer = inAll(reply.acceptWords) ? "accept" : inAll(reply.declineWords) ? "decline" : null;
  if (!answer) return null;
  const result = await answerOffer(deps, { lookup: { id: open.offer.id, officeId: open.offer.officeId }, answer, actor: { type: "client" }, via: "sms-reply" }, now);
  return { kind: result.kind === "accepted" ? "accepted" : result.kind === "declined" ? "declined" : "closed" };
}
