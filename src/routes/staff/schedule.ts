import type { FastifyInstance } from "fastify";

export default async function scheduleRoutes(app: FastifyInstance) {
  void app;
}
