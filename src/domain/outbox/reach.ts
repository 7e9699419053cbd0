// How a client hears about a change staff make: the one answer that the outbox, the staff
// review pages and the day list share, so no page can say "the clients are told" while
// the outbox has nothing for some of them.
import type { Booking } from "../../generated/prisma/client.ts";

/** How an outbox message goes out. */
export type Channel = "email" | "sms";

/**
 * One way a client is told: by email, by text message, through their caseworker — or
 * not at all, and then staff must call them (on `phone`, when one was given).
 */
export type Reach = "email" | "text" | "caseworker" | "nobody";

type ReachFacts = Pick<Booking, "email" | "phone" | "smsConsent" | "referrerEmail" | "contactViaReferrer">;

/**
 * Every way the client of this booking is told about a change, in the order a person
 * would name them; ["nobody"] when there is none.
 */
export function reachOf(booking: ReachFacts): Reach[] {
  if (booking.contactViaReferrer) return booking.referrerEmail ? ["caseworker"] : ["nobody"];
  const ways: Reach[] = [];
  if (booking.email) ways.push("email");
  if (booking.phone && booking.smsConsent) ways.push("text");
  if (booking.referrerEmail) ways.push("caseworker");
  return ways.length > 0 ? ways : ["nobody"];
}

/** True when no message reaches the client or their caseworker: staff must call. */
export function mustCall(booking: ReachFacts): boolean {
  return reachOf(booking)[0] === "nobody";
}
