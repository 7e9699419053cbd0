// The outbox worker inside the server, with its transport. Routes call app.outbox.wake()
// after a change so messages go out at once; a timer catches retries and reminders.
import fp from "fastify-plugin";
import { renderOutboxMessage } from "../emails/render.ts";
import { createMailTransport, type MailTransport } from "../emails/transport.ts";
import { OutboxWorker } from "../emails/worker.ts";
import { handleInbound } from "../sms/inbound.ts";
import { expireOffers } from "../domain/desk/end-offers.ts";
import { renderTextMessage } from "../sms/text.ts";
import { createSmsTransport, type SmsTransport } from "../sms/transport.ts";

declare module "fastify" {
  interface FastifyInstance {
    outbox: OutboxWorker;
    mailTransport: MailTransport;
    smsTransport: SmsTransport;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    const transport = createMailTransport(config.mail);
    const smsTransport = createSmsTransport(config.sms);
    const worker = new OutboxWorker({
      db: app.db,
      clock: app.clock,
      transport,
      smsTransport,
      log: app.log.child({ component: "outbox" }),
      leaseMs: config.mail.leaseSeconds * 1000,
      render: (row, now) =>
        row.channel === "sms"
          ? renderTextMessage({ db: app.db, seal: app.deps.seal, publicUrl: config.publicUrl }, row, now)
          : renderOutboxMessage({ db: app.db, eta: app.eta, seal: app.deps.seal, publicUrl: config.publicUrl, from: config.mail.from }, row, now),
    });
    // Receipts and replies from the SMS provider: recorded, or a booking cancelled.
    const inboundLog = app.log.child({ component: "sms" });
    smsTransport.onInbound(async (inbound) => {
      try {
        const result = await handleInbound(app.deps, inbound, app.clock.now());
        // Only what happened: never the number or the text.
        inboundLog.info({ inbound: inbound.kind, result: result.kind, ...("reason" in result ? { reason: result.reason } : {}), ...("answer" in result ? { answer: result.answer } : {}) }, "SMS received");
        if (result.kind === "cancelled" || result.kind === "offer-answered") worker.wake();
      } catch (error) {
        inboundLog.error({ inbound: inbound.kind, code: (error as { code?: string }).code }, "SMS received but not handled");
      }
    });
    app.decorate("outbox", worker);
    app.decorate("mailTransport", transport);
    app.decorate("smsTransport", smsTransport);
    // Only once the server listens: a second start on a port in use must not claim
    // messages before it fails, leaving them to wait for their lease.
    // Offers of freed places whose hold time has passed go to the next person waiting.
    let offerTimer: NodeJS.Timeout | null = null;
    const passExpiredOffers = () => {
      expireOffers(app.deps, app.clock.now())
        .then((ended) => {
          if (ended > 0) worker.wake();
        })
        .catch((error: unknown) => app.log.warn({ code: (error as { code?: string }).code }, "could not pass on expired offers; trying again shortly"));
    };
    if (config.mail.worker)
      app.addHook("onListen", async () => {
        smsTransport.connect();
        worker.start(5_000);
        offerTimer = setInterval(passExpiredOffers, 20_000);
        offerTimer.unref();
      });
    app.addHook("onClose", async () => {
      if (offerTimer) clearInterval(offerTimer);
      await worker.stop();
      transport.close();
      await smsTransport.close();
    });
  },
  { name: "outbox", dependencies: ["core", "view"] },
);
