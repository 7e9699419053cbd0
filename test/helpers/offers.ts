// Offers of freed places for the checks that go over every page: made the way the app
// makes them (a booking of tomorrow cancelled while someone waits for its session), so
// the offer pages and the day list show real ones.
import type { FastifyInstance } from "fastify";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { hashManageToken, newManageToken } from "../../src/domain/booking/manage-token.ts";
import { book } from "./bookings.ts";

/**
 * Someone waiting (messages in `locale`) is offered the place of a booking at `startsAt`
 * (today's or tomorrow's) when it is cancelled. Returns the link's token.
 */
export async function offeredPlace(
  app: FastifyInstance,
  input: { slug: string; startsAt: string; sessionStart: string; locale: string; name?: string; email?: string | null; /** The offer has ended unanswered. */ ended?: boolean },
): Promise<string> {
  const { db, clock } = app;
  const office = await db.office.findUniqueOrThrow({ where: { slug: input.slug } });
  const place = await book(app, input.slug, input.startsAt, { name: "Cancelling client" });
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: office.timeZone }).format(new Date(input.startsAt));
  const entry = await db.waitingListEntry.create({
    data: { officeId: office.id, date, sessionStart: input.sessionStart, name: input.name ?? "Waiting client", language: "ar", interpreterNeeded: false, locale: input.locale, email: input.email === undefined ? "waiting@example.org" : input.email, createdAt: clock.now() },
  });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: place.id, by: "client" }, clock.now());
  const offer = await db.waitingOffer.findFirstOrThrow({ where: { entryId: entry.id } });
  // The link's token is only ever sealed inside the message; the test gives the offer one it knows.
  const token = newManageToken();
  await db.waitingOffer.update({ where: { id: offer.id }, data: { tokenHash: hashManageToken(token) } });
  if (input.ended) {
    await db.waitingOffer.update({ where: { id: offer.id }, data: { status: "expired", openPlace: null, openEntry: null, tokenSealed: null, answeredAt: clock.now(), answeredBy: "clock" } });
    await db.booking.update({ where: { id: place.id }, data: { seat: null } });
  }
  return token;
}
