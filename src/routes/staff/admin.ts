import type { FastifyInstance } from "fastify";

export default async function adminRoutes(app: FastifyInstance) {
  void app;
}
