import type { FastifyInstance } from "fastify";
import { ReadCache } from "../../db/read-cache.ts";
import { listActiveOffices } from "../../domain/offices/find-office.ts";

export default async function homeRoutes(app: FastifyInstance) {
  // The list of offices changes when an administrator edits one; until then it is read once.
  const offices = new ReadCache<Awaited<ReturnType<typeof listActiveOffices>>>(app.db, ["Office"], 60_000, 1);
  app.get("/", async (_request, reply) => {
    return reply.viewAsync("public/home.eta", { offices: await offices.get("all", app.clock.now(), () => listActiveOffices(app.db)) });
  });

  app.get("/accessibility", async (_request, reply) => reply.viewAsync("public/accessibility.eta", {}));

  app.get("/privacy", async (_request, reply) =>
    reply.viewAsync("public/privacy.eta", { retentionDays: app.config.retentionDays }),
  );
}
