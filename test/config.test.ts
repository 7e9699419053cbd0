import t from "tap";
import { ConfigError, loadConfig } from "../src/config.ts";

t.test("embedded defaults need no settings at all", async (t) => {
  t.same(loadConfig({}), {
    host: "127.0.0.1",
    port: 3000,
    publicUrl: "http://localhost:3000",
    databaseUrl: "file:./data/spreekuur.db",
    databasePoolSize: 10,
    logLevel: "info",
    trustProxy: false,
    templateCache: true,
    defaultLocale: "nl",
    seedOnStart: true,
    retentionDays: 30,
    appSecret: null,
    mail: { smtp: null, from: "Spreekuur <no-reply@localhost>", dir: "./data/mail", reminderTime: "10:00", offerHoldMinutes: 30, worker: true, leaseSeconds: 300 },
    sms: { smpp: null, dir: "./data/sms" },
    rateLimits: { bookings: 20, manage: 60, lostLink: 20 },
    overloadMaxDelayMs: 250,
    maxInFlight: 32,
    maxBookingsPerContact: 3,
    sessionIdleMinutes: 30,
    admin: { email: "admin@spreekuur.local", password: null },
  });
});

t.test("settings are read and normalised", async (t) => {
  const config = loadConfig({ PORT: "8080", HOST: "0.0.0.0", PUBLIC_URL: "https://afspraak.example.org/", TRUST_PROXY: "yes", RETENTION_DAYS: "14", DEFAULT_LOCALE: "en", TEMPLATE_CACHE: "0" });
  t.equal(config.port, 8080);
  t.equal(config.publicUrl, "https://afspraak.example.org", "no trailing slash");
  t.equal(config.trustProxy, 1, "true trusts the one proxy in front, not every hop");
  t.equal(loadConfig({ TRUST_PROXY: "2" }).trustProxy, 2);
  t.same(loadConfig({ TRUST_PROXY: "10.0.0.2, 10.0.0.3" }).trustProxy, ["10.0.0.2", "10.0.0.3"]);
  t.equal(loadConfig({ TRUST_PROXY: "no" }).trustProxy, false);
  t.equal(config.templateCache, false);
  t.equal(config.retentionDays, 14);
  t.equal(config.defaultLocale, "en");
  t.equal(loadConfig({ PORT: "" }).port, 3000, "an empty value counts as not set");
});

t.test("SMS settings", async (t) => {
  t.same(loadConfig({ SMS_HOST: "smpp.example.org", SMS_SYSTEM_ID: "spreekuur", SMS_PASSWORD: "pw" }).sms, {
    smpp: { host: "smpp.example.org", port: 2775, tls: false, systemId: "spreekuur", password: "pw", from: "Spreekuur", enquireLinkMs: 30_000, timeoutMs: 15_000, reconnectMs: 5000 },
    dir: "./data/sms",
  });
  t.equal(loadConfig({ SMS_HOST: "h", SMS_SYSTEM_ID: "s", SMS_PASSWORD: "p", SMS_TLS: "true", SMS_FROM: "+3197010203040" }).sms.smpp?.port, 3550, "TLS on its own port");
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };
  t.same(problems({ SMS_SYSTEM_ID: "s", SMS_PASSWORD: "p" }), ["SMS_HOST: must be set when SMS_SYSTEM_ID, SMS_PASSWORD are (without it, text messages are only written to SMS_DIR)"]);
  t.same(problems({ SMS_HOST: "h" }), ["SMS_SYSTEM_ID: must be set when SMS_HOST is", "SMS_PASSWORD: must be set when SMS_HOST is"]);
  t.same(problems({ SMS_HOST: "h", SMS_SYSTEM_ID: "s", SMS_PASSWORD: "longer-than-8", SMS_FROM: "Spreekuur Nederland" }), [
    "SMS_PASSWORD: must be at most 8 characters (SMPP password)",
    'SMS_FROM: must be a phone number such as +3197010203040 or a name of at most 11 letters and digits such as "Spreekuur"',
  ]);
});

t.test("SMTP settings", async (t) => {
  t.same(loadConfig({ SMTP_HOST: "mail.example.org" }).mail.smtp, { host: "mail.example.org", port: 587, security: "starttls" });
  t.same(loadConfig({ SMTP_HOST: "mail.example.org", SMTP_SECURITY: "tls", SMTP_USER: "u", SMTP_PASSWORD: "p" }).mail.smtp, {
    host: "mail.example.org",
    port: 465,
    security: "tls",
    user: "u",
    password: "p",
  });
  t.same(loadConfig({ SMTP_HOST: "mailpit", SMTP_PORT: "1025", SMTP_SECURITY: "none" }).mail.smtp, { host: "mailpit", port: 1025, security: "none" });
  t.equal(loadConfig({ MAIL_FROM: "Spreekuur <afspraak@example.org>" }).mail.from, "Spreekuur <afspraak@example.org>");
});

t.test("bad settings stop the app with a message naming each one", async (t) => {
  const error = t.throws(() =>
    loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", TRUST_PROXY: "maybe", RETENTION_DAYS: "0", PUBLIC_URL: "not a url" }),
  ) as ConfigError;
  t.type(error, ConfigError);
  t.match(error.message, "PORT: must be a number");
  t.match(error.message, 'DATABASE_URL: must be a SQLite file URL such as "file:./data/spreekuur.db" or a PostgreSQL URL such as "postgresql://user:password@host:5432/spreekuur"');
  t.match(error.message, "TRUST_PROXY: must be false, true (one proxy), a number of proxies, or the proxies' addresses");
  t.match(error.message, "RETENTION_DAYS: must be at least 1 days");
  t.match(error.message, "PUBLIC_URL: must be a full URL");
  const mail = t.throws(() => loadConfig({ SMTP_PORT: "x", SMTP_SECURITY: "ssl", MAIL_FROM: "nobody", REMINDER_TIME: "25:00", APP_SECRET: "short" })) as ConfigError;
  t.match(mail.message, "SMTP_PORT: must be a number");
  t.match(mail.message, "SMTP_SECURITY: must be tls, starttls or none");
  t.match(mail.message, "MAIL_FROM: must be an address");
  t.match(mail.message, "REMINDER_TIME: must be a time such as 10:00");
  t.match(mail.message, "APP_SECRET: must be at least 32 characters");
  t.match(error.message, "See .env.example");
});

t.test("a PostgreSQL URL, its pool size, and the secret every server must share", async (t) => {
  const secret = { APP_SECRET: "x".repeat(40) };
  const config = loadConfig({ ...secret, DATABASE_URL: "postgresql://spreekuur:s3cret@db.example.org:5432/spreekuur", DATABASE_POOL_SIZE: "25" });
  t.equal(config.databaseUrl, "postgresql://spreekuur:s3cret@db.example.org:5432/spreekuur");
  t.equal(config.databasePoolSize, 25);
  t.equal(loadConfig({ ...secret, DATABASE_URL: "postgres://localhost/spreekuur" }).databaseUrl, "postgres://localhost/spreekuur", "postgres:// works too");
  const noSecret = t.throws(() => loadConfig({ DATABASE_URL: "postgresql://localhost/spreekuur" })) as ConfigError;
  t.match(noSecret.message, "APP_SECRET: must be set with a PostgreSQL DATABASE_URL (the same value on every app server)");
  const badUrl = t.throws(() => loadConfig({ ...secret, DATABASE_URL: "postgresql://user:p@ss:word@host:x/db" })) as ConfigError;
  t.match(badUrl.message, "DATABASE_URL: is not a valid PostgreSQL URL");
  const pool = t.throws(() => loadConfig({ DATABASE_POOL_SIZE: "0" })) as ConfigError;
  t.match(pool.message, "DATABASE_POOL_SIZE: must be at least 1 connections");
});

t.test("SMTP settings without SMTP_HOST stop the start instead of leaving mail in a folder", async (t) => {
  const noHost = t.throws(() => loadConfig({ SMTP_SERVER: "mail.example.org", SMTP_PORT: "587", SMTP_USER: "spreekuur", SMTP_PASSWORD: "secret" })) as ConfigError;
  t.same(noHost.problems, ["SMTP_HOST: must be set when SMTP_PORT, SMTP_USER, SMTP_PASSWORD are (without it, emails are only written to MAIL_DIR)"]);
  const noPassword = t.throws(() => loadConfig({ SMTP_HOST: "mail.example.org", SMTP_USER: "spreekuur" })) as ConfigError;
  t.same(noPassword.problems, ["SMTP_PASSWORD: must be set when SMTP_USER is"]);
  // .env.example as it is: SMTP_SECURITY has a value, the other SMTP settings are empty.
  t.equal(loadConfig({ SMTP_HOST: "", SMTP_PORT: "", SMTP_SECURITY: "starttls", SMTP_USER: "", SMTP_PASSWORD: "" }).mail.smtp, null);
});

t.test(".env.example, copied to .env unchanged, starts the embedded defaults", async (t) => {
  const { readFileSync } = await import("node:fs");
  const { parseEnv } = await import("node:util");
  const env = parseEnv(readFileSync(new URL("../.env.example", import.meta.url), "utf8")) as Record<string, string>;
  t.same(loadConfig(env), loadConfig({}));
});
