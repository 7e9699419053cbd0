// Creating a booking. Over-booking is impossible at the database level: a booking holds a
// seat 1..capacity and Booking(officeId, startsAt, seat) is unique. The transaction picks
// the lowest free seat; if anything else (another process) took it first, the insert fails
// on the index and the client is told the time was just taken.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Booking, BookingChannel } from "../../generated/prisma/client.ts";
import type { OfficeRef } from "../availability/load-availability.ts";
import { newBookingCode } from "./booking-code.ts";
import { findSlot } from "./find-slot.ts";
import { hashManageToken } from "./manage-token.ts";

export interface NewBooking {
  office: OfficeRef;
  startsAt: Date;
  channel: BookingChannel;
  /** "online": notice, horizon and walk-in places apply; "desk": staff may fill any free place. */
  rules: "online" | "desk";
  /** The secret manage token; the same token twice means the same form was sent twice. */
  token: string;
  locale: string;
  language: string;
  interpreterNeeded: boolean;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
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
  | { kind: "taken" };

export async function createBooking(db: Db, input: NewBooking, now: Date): Promise<CreateBookingResult> {
  const manageTokenHash = hashManageToken(input.token);
  try {
    return await db.$transaction(async (tx): Promise<CreateBookingResult> => {
      const earlier = await tx.booking.findUnique({ where: { manageTokenHash } });
      if (earlier) return { kind: "duplicate", booking: earlier };

      const found = await findSlot(tx, input.office, input.startsAt, now);
      if (!found || found.slot.startsAt.getTime() < now.getTime()) return { kind: "unavailable" };
      const { slot, session } = found;
      if (slot.free === 0) return { kind: "taken" };
      if (input.rules === "online") {
        if (session.openOnline === 0) return { kind: "taken" };
        if (!slot.bookable) return { kind: "unavailable" };
      }

      const held = await tx.booking.findMany({
        where: { officeId: input.office.id, startsAt: input.startsAt, seat: { not: null } },
        select: { seat: true },
      });
      const used = new Set(held.map((b) => b.seat));
      let seat = 1;
      while (used.has(seat)) seat++;

      let code = newBookingCode();
      while (await tx.booking.findUnique({ where: { code }, select: { id: true } })) code = newBookingCode();

      const booking = await tx.booking.create({
        data: {
          code,
          manageTokenHash,
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
          referrerOrgType: input.referrer?.orgType ?? null,
          referrerOrgName: input.referrer?.orgName ?? null,
          referrerName: input.referrer?.name ?? null,
          referrerEmail: input.referrer?.email ?? null,
          contactViaReferrer: input.referrer?.contactViaReferrer ?? false,
          createdAt: now,
        },
      });
      return { kind: "created", booking };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await db.booking.findUnique({ where: { manageTokenHash } });
    return earlier ? { kind: "duplicate", booking: earlier } : { kind: "taken" };
  }
}
