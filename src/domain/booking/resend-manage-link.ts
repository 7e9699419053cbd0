// "Lost your link?": the manage link sent again to the email address or phone number the
// client gave at booking, when the booking code and that contact match an active booking.
// The page answers the same whatever this finds (routes/public/lost-link.ts): the result
// is for tests and the outbox worker's wake-up, never for the visitor.
import { engineOf } from "../../db/client.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { factsOf, outboxRow } from "../outbox/booking-messages.ts";
import type { Channel } from "../outbox/reach.ts";

/** A link goes out at most once in this window per booking and channel, however often it is asked for. */
export const LINK_RESEND_WINDOW_MS = 60 * 60_000;

/** The contact as typed, reduced to the normalised key the booking stores (contact-keys.ts). */
export type LostLinkContact = { channel: "email"; emailKey: string } | { channel: "sms"; phoneKey: string };

export type ResendResult = { kind: "queued"; channel: Channel } | { kind: "nothing" };

const nothing: ResendResult = { kind: "nothing" };

type Candidate = Pick<Booking, "status" | "erasedAt" | "endsAt" | "manageTokenSealed" | "contactViaReferrer" | "email" | "emailKey" | "phone" | "phoneKey">;

/** Where the link goes for this contact, or null when the booking cannot be sent it. */
export function linkRecipient(booking: Candidate, contact: LostLinkContact, now: Date): string | null {
  // Only a booking still to come holds a link worth sending; one without a sealed token
  // has no link to send. A client who chose "contact only via my caseworker" is not
  // written to directly.
  if (booking.status !== "BOOKED" || booking.erasedAt || booking.endsAt <= now || !booking.manageTokenSealed || booking.contactViaReferrer) return null;
  if (contact.channel === "email") return booking.email && booking.emailKey === contact.emailKey ? booking.email : null;
  // The stored key is the number in international form without the "+" (phoneKey).
  return booking.phone && booking.phoneKey === contact.phoneKey ? `+${booking.phoneKey}` : null;
}

/**
 * Queues the manage link for the booking with this code, if the contact is the one it
 * was booked with, in one transaction with its audit entry. A link already queued for
 * the booking on that channel within the window is not queued again; the booking's lock
 * makes requests that arrive at once (on any server) take turns at that check.
 */
export function resendManageLink(deps: DomainDeps, input: { code: string; contact: LostLinkContact }, now: Date): Promise<ResendResult> {
  return deps.db.$transaction(async (tx) => {
    const located = await tx.booking.findUnique({ where: { code: input.code }, select: { id: true, officeId: true } });
    if (!located) return nothing;
    await engineOf(deps.db).lockBooking(tx, located.officeId, located.id);
    const booking = await tx.booking.findUniqueOrThrow({ where: { id: located.id }, include: { office: true } });
    const recipient = linkRecipient(booking, input.contact, now);
    if (!recipient) return nothing;
    const channel = input.contact.channel;
    const earlier = await tx.outboxMessage.count({
      where: { bookingId: booking.id, kind: "link", channel, createdAt: { gt: new Date(now.getTime() - LINK_RESEND_WINDOW_MS) } },
    });
    if (earlier > 0) return nothing;
    await tx.outboxMessage.create({
      data: outboxRow({
        bookingId: booking.id,
        locale: booking.locale,
        createdAt: now,
        kind: "link",
        audience: "client",
        channel,
        recipient,
        payload: JSON.stringify(factsOf(booking, { kind: "confirmation" })),
        dueAt: now,
        nextAttemptAt: now,
      }),
    });
    await recordAudit(tx, { actor: { type: "client" }, action: "booking.link-sent", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { channel } }, now);
    return { kind: "queued", channel };
  });
}
