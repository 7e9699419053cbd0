// Creating a booking. Over-booking is impossible at the database level: a booking holds a
// seat 1..capacity and Booking(officeId, startsAt, seat) is unique. The transaction picks
// the lowest free seat; if anything else (another process) took it first, the insert fails
// on the index and the client is told the time was just taken.
import { isUniqueViolation } from "../../db/errors.ts";
import { enqueueBookingMessages } from "../../emails/outbox.ts";
import type { Booking, BookingChannel } from "../../generated/prisma/client.ts";
import type { OfficeRef } from "../availability/load-availability.ts";
import { recordAudit, type Actor } from "../audit.ts";
import type { DomainDeps } from "../deps.ts";
import { newBookingCode } from "./booking-code.ts";
import { emailKey, phoneKey } from "./contact-keys.ts";
import { findSlot, lowestFreeSeat, refuseSlot, type BookingRules } from "./find-slot.ts";
import { hashManageToken } from "./manage-token.ts";

export interface NewBooking {
  actor: Actor;
  office: OfficeRef;
  startsAt: Date;
  channel: BookingChannel;
  rules: BookingRules;
  /** The secret manage token; the same token twice means the same form was sent twice. */
  token: string;
  locale: string;
  language: string;
  interpreterNeeded: boolean;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  /**
   * At most this many future appointments per client email or phone (online booking);
   * absent for staff, who decide themselves.
   */
  contactLimit?: number;
  referrer?: {
    orgType: string;
    orgName: string;
    name: string;
    email: string;
    contactViaReferrer: boolean;
  };
}

export type CreateBookingResult =
  | { kind: "created"; booking: Booking }
  | { kind: "duplicate"; booking: Booking }
  | { kind: "unavailable" }
  | { kind: "taken" }
  | { kind: "contact-limit"; count: number };

export async function createBooking(deps: DomainDeps, input: NewBooking, now: Date): Promise<CreateBookingResult> {
  const { db } = deps;
  const manageTokenHash = hashManageToken(input.token);
  try {
    return await db.$transaction(async (tx): Promise<CreateBookingResult> => {
      const earlier = await tx.booking.findUnique({ where: { manageTokenHash } });
      if (earlier) return { kind: "duplicate", booking: earlier };

      const found = await findSlot(tx, input.office, input.startsAt, now);
      const refusal = refuseSlot(found, input.rules, now);
      if (refusal || !found) return { kind: refusal ?? "unavailable" };
      const { slot, session } = found;
      const keys = { emailKey: emailKey(input.email), phoneKey: phoneKey(input.phone) };
      if (input.contactLimit !== undefined && (keys.emailKey || keys.phoneKey)) {
        const count = await tx.booking.count({
          where: {
            status: "BOOKED",
            startsAt: { gt: now },
            OR: [...(keys.emailKey ? [{ emailKey: keys.emailKey }] : []), ...(keys.phoneKey ? [{ phoneKey: keys.phoneKey }] : [])],
          },
        });
        if (count >= input.contactLimit) return { kind: "contact-limit", count };
      }
      const seat = await lowestFreeSeat(tx, input.office.id, slot.startsAt);

      let code = newBookingCode();
      while (await tx.booking.findUnique({ where: { code }, select: { id: true } })) code = newBookingCode();

      const booking = await tx.booking.create({
        data: {
          code,
          manageTokenHash,
          manageTokenSealed: deps.seal.seal(input.token),
          officeId: input.office.id,
          seriesId: session.session.seriesId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          seat,
          channel: input.channel,
          locale: input.locale,
          language: input.language,
          interpreterNeeded: input.interpreterNeeded,
          name: input.name,
          phone: input.phone,
          email: input.email,
          note: input.note,
          ...keys,
          referrerOrgType: input.referrer?.orgType ?? null,
          referrerOrgName: input.referrer?.orgName ?? null,
          referrerName: input.referrer?.name ?? null,
          referrerEmail: input.referrer?.email ?? null,
          contactViaReferrer: input.referrer?.contactViaReferrer ?? false,
          createdAt: now,
        },
        include: { office: true },
      });
      await enqueueBookingMessages(tx, booking, { kind: "confirmation" }, now, deps.outbox);
      await recordAudit(
        tx,
        { actor: input.actor, action: "booking.created", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { channel: booking.channel, startsAt: booking.startsAt.toISOString() } },
        now,
      );
      return { kind: "created", booking };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await db.booking.findUnique({ where: { manageTokenHash } });
    return earlier ? { kind: "duplicate", booking: earlier } : { kind: "taken" };
  }
}
