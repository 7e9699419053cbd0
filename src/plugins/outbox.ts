// The outbox worker inside the server, with its transport. Routes call app.outbox.wake()
// after a change so messages go out at once; a timer catches retries and reminders.
import fp from "fastify-plugin";
import { renderOutboxMessage } from "../emails/render.ts";
import { createMailTransport, type MailTransport } from "../emails/transport.ts";
import { OutboxWorker } from "../emails/worker.ts";

declare module "fastify" {
  interface FastifyInstance {
    outbox: OutboxWorker;
    mailTransport: MailTransport;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    const transport = createMailTransport(config.mail);
    const worker = new OutboxWorker({
      db: app.db,
      clock: app.clock,
      transport,
      log: app.log.child({ component: "outbox" }),
      leaseMs: config.mail.leaseSeconds * 1000,
      render: (row, now) =>
        renderOutboxMessage({ db: app.db, eta: app.eta, seal: app.deps.seal, publicUrl: config.publicUrl, from: config.mail.from }, row, now),
    });
    app.decorate("outbox", worker);
    app.decorate("mailTransport", transport);
    // Only once the server listens: a second start on a port in use must not claim
    // messages before it fails, leaving them to wait for their lease.
    if (config.mail.worker) app.addHook("onListen", async () => worker.start(5_000));
    app.addHook("onClose", async () => {
      await worker.stop();
      transport.close();
    });
  },
  { name: "outbox", dependencies: ["core", "view"] },
);
