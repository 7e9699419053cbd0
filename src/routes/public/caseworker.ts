import type { FastifyInstance } from "fastify";

export default async function caseworkerRoutes(app: FastifyInstance) {
  void app;
}
