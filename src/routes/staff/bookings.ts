import type { FastifyInstance } from "fastify";

export default async function bookingsRoutes(app: FastifyInstance) {
  void app;
}
