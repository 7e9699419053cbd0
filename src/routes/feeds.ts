import type { FastifyInstance } from "fastify";

export default async function feedRoutes(app: FastifyInstance) {
  void app;
}
