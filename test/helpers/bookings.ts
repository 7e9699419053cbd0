// Bookings made directly through the domain, for tests that need many of them.
import type { FastifyInstance } from "fastify";
import { createBooking, type NewBooking } from "../../src/domain/booking/create-booking.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";

export async function book(app: FastifyInstance, slug: string, startsAt: string, fields: Partial<NewBooking> = {}) {
  const office = await app.db.office.findUniqueOrThrow({ where: { slug } });
  const result = await createBooking(
    app.deps,
    {
      actor: { type: "client" },
      office,
      startsAt: new Date(startsAt),
      channel: "SELF",
      rules: "desk",
      token: newManageToken(),
      locale: "nl",
      language: "ar",
      interpreterNeeded: false,
      name: "Client",
      phone: null,
      email: null,
      note: null,
      ...fields,
    },
    app.clock.now(),
  );
  if (result.kind !== "created") throw new Error(`could not book ${startsAt}: ${result.kind}`);
  return result.booking;
}
