// The app's shared dependencies: settings, the clock and the database, each decorated once.
import fp from "fastify-plugin";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import { createPrismaClient, engineOf, type Db } from "../db/client.ts";
import { formKeys, type FormKeys } from "../domain/booking/form-key.ts";
import { tokenSeal } from "../domain/booking/sealed-token.ts";
import type { DomainDeps } from "../domain/deps.ts";

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    db: Db;
    /** What domain actions need: the database, the outbox policy, the token seal. */
    deps: DomainDeps;
    /** Issues and checks the one-time keys of booking forms. */
    formKeys: FormKeys;
  }
}

export interface CoreOptions {
  config: Config;
  clock: Clock;
  /** An open client to use; when absent one is created for config.databaseUrl and closed with the app. */
  db?: Db;
}

export default fp<CoreOptions>(
  async (app, { config, clock, db }) => {
    if (!config.appSecret) throw new Error("APP_SECRET is required (configFromProcess provides one by default)");
    const client = db ?? await createPrismaClient(config.databaseUrl, { poolSize: config.databasePoolSize });
    if (!(await engineOf(client).ready())) app.log.warn("not yet hearing the writes of other app servers: pages are read afresh until then");
    app.decorate("config", config);
    app.decorate("clock", clock);
    app.decorate("db", client);
    app.decorate("deps", { db: client, outbox: { reminderTime: config.mail.reminderTime, offerHoldMinutes: config.mail.offerHoldMinutes }, seal: tokenSeal(config.appSecret) });
    app.decorate("formKeys", formKeys(config.appSecret));
    if (!db) app.addHook("onClose", async () => client.$disconnect());
  },
  { name: "core" },
);
