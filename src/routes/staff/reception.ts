import type { FastifyInstance } from "fastify";

export default async function receptionRoutes(app: FastifyInstance) {
  void app;
}
