// How a client will hear about a change, in the staff member's words: the one line the
// review steps, the results and the day list show beside each affected client, so no
// page says "the client is told" about a client no message reaches.
import { displayPhone } from "../../domain/booking/phone-number.ts";
import { reachOf, type Reach } from "../../domain/outbox/reach.ts";
import type { Translate } from "../../i18n/catalogue.ts";

type ReachFacts = Parameters<typeof reachOf>[0];

const wayKeys: Record<Exclude<Reach, "nobody">, string> = {
  email: "staff.reach.email",
  text: "staff.reach.text",
  caseworker: "staff.reach.caseworker",
};

export interface ReachView {
  /** No message reaches the client or their caseworker: staff must call. */
  call: boolean;
  /** The number to call, when the client gave one. */
  phone: string | null;
  /** "Told by email and text message", or "Nobody is told: call 06 1234 5678". */
  line: string;
}

export function reachView(booking: ReachFacts, t: Translate): ReachView {
  const ways = reachOf(booking);
  if (ways[0] === "nobody") {
    const phone = booking.phone ? displayPhone(booking.phone) : null;
    return { call: true, phone, line: phone ? t("staff.reach.call", { phone }) : t("staff.reach.callNoPhone") };
  }
  const names = ways.map((way) => t(wayKeys[way as Exclude<Reach, "nobody">]));
  return { call: false, phone: null, line: t("staff.reach.told", { ways: names.join(", ") }) };
}

/** Of many bookings: how many no message reaches. */
export function toCall(views: ReachView[]): number {
  return views.filter((v) => v.call).length;
}
