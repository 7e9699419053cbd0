// Bookings on the staff side (officers and administrators): search, the week overview
// per office, a booking's detail with its history and actions, and booking by phone.
import type { FastifyInstance } from "fastify";
import bookingsActionRoutes from "./bookings-actions.ts";
import bookingsDetailRoutes from "./bookings-detail.ts";
import bookingsMoveRoutes from "./bookings-move.ts";
import bookingsPhoneRoutes from "./bookings-phone.ts";
import bookingsSearchRoutes from "./bookings-search.ts";
import bookingsWeekRoutes from "./bookings-week.ts";

export default async function bookingsRoutes(app: FastifyInstance) {
  await app.register(bookingsSearchRoutes);
  await app.register(bookingsWeekRoutes);
  await app.register(bookingsDetailRoutes);
  await app.register(bookingsActionRoutes);
  await app.register(bookingsMoveRoutes);
  await app.register(bookingsPhoneRoutes);
}
