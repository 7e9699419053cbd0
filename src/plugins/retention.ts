// The retention job inside the server: every day, on whichever app server claims it
// first (db/scheduled-jobs.ts), so several servers still run it once a day. Each server
// looks every few minutes whether it is due.
import fp from "fastify-plugin";
import { claimJob, finishJob } from "../db/scheduled-jobs.ts";
import { endIdleStaffSessions } from "../domain/accounts/staff-sessions.ts";
import { eraseExpiredPersonalData, type RetentionResult } from "../domain/privacy/erase-expired.ts";

declare module "fastify" {
  interface FastifyInstance {
    retention: {
      /** Runs the job now, due or not. */
      runOnce(): Promise<RetentionResult>;
      /** Runs the job if it is due and no other server has it; null when it did not run. */
      runIfDue(): Promise<RetentionResult | null>;
    };
  }
}

export const RETENTION_JOB = "retention";
const DAY_MS = 86_400_000;
const LOOK_EVERY_MS = 5 * 60_000;
const LEASE_MS = 30 * 60_000;

export default fp(
  async (app) => {
    const policy = { retentionDays: app.config.retentionDays, mailDir: app.config.mail.smtp ? null : app.config.mail.dir, smsDir: app.config.sms.smpp ? null : app.config.sms.dir, publicUrl: app.config.publicUrl };
    const runOnce = async () => {
      const now = app.clock.now();
      const result = await eraseExpiredPersonalData(app.db, policy, now);
      // Staff sessions idle past their timeout are dead weight too, and so are limit
      // counters nobody has touched for a day.
      await endIdleStaffSessions(app.db, app.config.sessionIdleMinutes * 60_000, now);
      await app.db.limitCounter.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - DAY_MS) } } });
      app.log.info({ ...result, retentionDays: policy.retentionDays }, "retention: expired personal data erased");
      return result;
    };
    const runIfDue = async () => {
      if (!(await claimJob(app.db, RETENTION_JOB, app.clock.now(), LEASE_MS))) return null;
      const result = await runOnce();
      await finishJob(app.db, RETENTION_JOB, app.clock.now(), DAY_MS);
      return result;
    };
    app.decorate("retention", { runOnce, runIfDue });
    if (app.config.mail.worker) {
      let timer: NodeJS.Timeout | null = null;
      const look = () => void runIfDue().catch((error) => app.log.error({ err: error }, "retention run failed"));
      app.addHook("onListen", async () => {
        look();
        timer = setInterval(look, LOOK_EVERY_MS);
        timer.unref();
      });
      app.addHook("onClose", async () => {
        if (timer) clearInterval(timer);
      });
    }
  },
  { name: "retention", dependencies: ["core"] },
);
