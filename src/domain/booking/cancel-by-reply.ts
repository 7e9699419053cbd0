// A client answers a text message to cancel: a cancel word (in their language, Dutch or
// English: "NEE", "NO", "CANCEL" …) and the booking code, and nothing else. The answer
// must come from the phone number the booking holds, so a code read off someone else's
// card cancels nothing. Anything else changes nothing and says only why, never what.
import type { Tx } from "../../db/client.ts";
import type { DomainDeps } from "../deps.ts";
import { parseBookingCode } from "./booking-code.ts";
import { cancelBookingInTx } from "./cancel-booking.ts";
import { phoneKey } from "./contact-keys.ts";

export type ReplyResult =
  | { kind: "cancelled"; bookingId: number }
  | { kind: "ignored"; reason: "no-code" | "no-cancel-word" | "other-words" | "no-match" | "not-cancellable" };

export interface CancelReply {
  /** The sender's number, E.164. */
  from: string;
  text: string;
  /** The cancel words of a language, upper case. */
  cancelWords(locale: string): ReadonlySet<string>;
}

/** The words of a reply, upper case, and the booking code among them (also written "K7MX-4QPB" or "K7MX 4QPB"). */
export function readReply(text: string): { code: string | null; words: string[] } {
  const tokens = text.normalize("NFKC").toUpperCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const whole = parseBookingCode(tokens[i]!);
    if (whole) return { code: whole, words: tokens.filter((_, j) => j !== i) };
    const split = i + 1 < tokens.length ? parseBookingCode(tokens[i]! + tokens[i + 1]!) : null;
    if (split && tokens[i]!.length === 4) return { code: split, words: tokens.filter((_, j) => j !== i && j !== i + 1) };
  }
  return { code: null, words: tokens };
}

export async function cancelByReply(deps: DomainDeps, reply: CancelReply, now: Date): Promise<ReplyResult> {
  const { code, words } = readReply(reply.text.slice(0, 500));
  if (!code) return { kind: "ignored", reason: "no-code" };
  if (words.length === 0) return { kind: "ignored", reason: "no-cancel-word" };
  const key = phoneKey(reply.from);
  if (!key) return { kind: "ignored", reason: "no-match" };
  return deps.db.$transaction(async (tx: Tx): Promise<ReplyResult> => {
    const booking = await tx.booking.findFirst({ where: { code, phoneKey: key }, select: { id: true, locale: true } });
    if (!booking) return { kind: "ignored", reason: "no-match" };
    const allowed = new Set([...reply.cancelWords(booking.locale), ...reply.cancelWords("nl"), ...reply.cancelWords("en")]);
    if (!words.some((w) => allowed.has(w))) return { kind: "ignored", reason: "no-cancel-word" };
    if (!words.every((w) => allowed.has(w))) return { kind: "ignored", reason: "other-words" };
    const result = await cancelBookingInTx(tx, deps, { actor: { type: "client" }, bookingId: booking.id, by: "client", via: "sms-reply" }, now);
    return result.kind === "cancelled" ? { kind: "cancelled", bookingId: booking.id } : { kind: "ignored", reason: "not-cancellable" };
  });
}
