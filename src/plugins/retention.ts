// The retention job inside the server: once at start-up, then every day.
import fp from "fastify-plugin";
import { eraseExpiredPersonalData, type RetentionResult } from "../domain/privacy/erase-expired.ts";

declare module "fastify" {
  interface FastifyInstance {
    retention: { runOnce(): Promise<RetentionResult> };
  }
}

const DAY_MS = 86_400_000;

export default fp(
  async (app) => {
    const policy = { retentionDays: app.config.retentionDays, mailDir: app.config.mail.smtp ? null : app.config.mail.dir, publicUrl: app.config.publicUrl };
    const runOnce = async () => {
      const result = await eraseExpiredPersonalData(app.db, policy, app.clock.now());
      // Staff sessions idle past their timeout are dead weight too.
      await app.db.staffSession.deleteMany({ where: { lastSeenAt: { lt: new Date(app.clock.now().getTime() - app.config.sessionIdleMinutes * 60_000) } } });
      app.log.info({ ...result, retentionDays: policy.retentionDays }, "retention: expired personal data erased");
      return result;
    };
    app.decorate("retention", { runOnce });
    if (app.config.mail.worker) {
      let timer: NodeJS.Timeout | null = null;
      app.addHook("onReady", async () => {
        await runOnce();
        timer = setInterval(() => void runOnce().catch((error) => app.log.error({ err: error }, "retention run failed")), DAY_MS);
        timer.unref();
      });
      app.addHook("onClose", async () => {
        if (timer) clearInterval(timer);
      });
    }
  },
  { name: "retention", dependencies: ["core"] },
);
