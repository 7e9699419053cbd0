// What the booking pages of the staff side share: who may use them, loading a booking
// within the user's offices, and texts for the stored codes (each key named literally,
// so the catalogue check can see it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Booking, BookingChannel, BookingStatus, Office, StaffRole } from "../../generated/prisma/client.ts";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import type { OrgType } from "../../domain/booking/org-types.ts";
import type { Translate } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { inScope } from "./scope.ts";
import { findBookingById } from "../../domain/booking/find-booking.ts";

/** Bookings are for officers and administrators; reception works from the day list. */
export const officersOnly = { config: { roles: ["ADMIN", "OFFICER"] as StaffRole[] } };

export const statusKeys: Record<BookingStatus, string> = {
  BOOKED: "status.BOOKED",
  CANCELLED: "status.CANCELLED",
  ATTENDED: "status.ATTENDED",
  NO_SHOW: "status.NO_SHOW",
};

export const channelKeys: Record<BookingChannel, string> = {
  SELF: "staff.bookings.channel.self",
  CASEWORKER: "staff.bookings.channel.caseworker",
  STAFF: "staff.bookings.channel.staff",
  WALK_IN: "staff.bookings.channel.walkIn",
};

export const orgTypeKeys: Record<OrgType, string> = {
  "refugee-council": "staff.bookings.orgType.refugeeCouncil",
  municipality: "staff.bookings.orgType.municipality",
  church: "staff.bookings.orgType.church",
  "womens-shelter": "staff.bookings.orgType.womensShelter",
  "salvation-army": "staff.bookings.orgType.salvationArmy",
  "neighbourhood-team": "staff.bookings.orgType.neighbourhoodTeam",
  other: "staff.bookings.orgType.other",
};

/** The language's own name; the code itself when it is not one we offer (older data). */
export function languageName(code: string, t: Translate): string {
  if (code === "other") return t("book.languageOther");
  return code in conversationLanguages ? conversationLanguages[code as keyof typeof conversationLanguages] : code;
}

export function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).type("text/html; charset=utf-8").send(html);
}

/**
 * The booking named by a path parameter, with its office, when this staff member may see
 * it. Otherwise the 404 or 403 page has been sent and the result is null.
 */
export async function staffBooking(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  raw: unknown,
): Promise<(Booking & { office: Office }) | null> {
  const id = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const booking = Number.isNaN(id) ? null : await findBookingById(app.db, id);
  if (!booking) {
    await renderError(request, reply, 404);
    return null;
  }
  if (!inScope(request, booking.officeId)) {
    await renderError(request, reply, 403);
    return null;
  }
  return booking;
}
