import type { FastifyInstance } from "fastify";
import { listActiveOffices } from "../../domain/offices/find-office.ts";

export default async function homeRoutes(app: FastifyInstance) {
  app.get("/", async (_request, reply) => {
    return reply.viewAsync("public/home.eta", { offices: await listActiveOffices(app.db, app.clock.now()) });
  });

  app.get("/accessibility", async (_request, reply) => reply.viewAsync("public/accessibility.eta", {}));

  app.get("/privacy", async (_request, reply) =>
    reply.viewAsync("public/privacy.eta", { retentionDays: app.config.retentionDays }),
  );
}
