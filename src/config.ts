// Settings come from the environment, validated once at boot. loadConfig is pure so tests
// can build a config from a plain object; only configFromProcess touches process.env.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { locales, type Locale } from "./i18n/locales.ts";

/** A whole number in a range, with a message that says which rule it broke. */
const whole = (min: number, max: number, unit?: string) =>
  z.coerce
    .number({ message: `must be a number${unit ? ` of ${unit}` : ""}` })
    .int({ message: `must be a whole number${unit ? ` of ${unit}` : ""}` })
    .min(min, { message: `must be at least ${min}${unit ? ` ${unit}` : ""}` })
    .max(max, { message: `must be at most ${max}${unit ? ` ${unit}` : ""}` });

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Which hops may say who the visitor is (X-Forwarded-For). "true" trusts exactly one: the
 * proxy in front of the app. Trusting every hop would let a visitor name any address
 * (and so escape the per-visitor limits) by sending the header themselves.
 */
function trustedProxies(value: string): false | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === "false" || v === "no" || v === "0") return false;
  if (v === "true" || v === "yes") return 1;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((a) => a.trim());
}

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: whole(0, 65535).default(3000),
  PUBLIC_URL: z.url({ message: "must be a full URL such as https://afspraak.example.org" }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/[^\s]+)$/i, { message: 'must be a SQLite file URL such as "file:./data/spreekuur.db" or a PostgreSQL URL such as "postgresql://user:password@host:5432/spreekuur"' })
    .refine((url) => !/^postgres/i.test(url) || URL.canParse(url), { message: "is not a valid PostgreSQL URL (a password with special characters must be percent-encoded)" })
    .default("file:./data/spreekuur.db"),
  DATABASE_POOL_SIZE: whole(1, 500, "connections").default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|0|[1-9]|(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?(\s*,\s*(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?)*)$/i, {
      message: "must be false, true (one proxy), a number of proxies, or the proxies' addresses (e.g. 10.0.0.2,10.0.0.3)",
    })
    .default("false")
    .transform(trustedProxies),
  TEMPLATE_CACHE: flag.default(true),
  DEFAULT_LOCALE: z.enum(locales).default("nl"),
  SEED_ON_START: flag.default(true),
  RETENTION_DAYS: whole(1, 3650, "days").default(30),
  APP_SECRET: z.string().min(32, { message: "must be at least 32 characters (e.g. openssl rand -base64 48)" }).optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: whole(1, 65535).optional(),
  SMTP_SECURITY: z.enum(["tls", "starttls", "none"], { message: "must be tls, starttls or none" }).default("starttls"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  // A mail relay inside an organisation often has a certificate from the organisation's
  // own authority: trust it, beside the system's, rather than stop checking.
  SMTP_CA_FILE: z
    .string()
    .refine((file) => existsSync(file), "no such file (a PEM file with the certificate of the authority that signed the SMTP server's)")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(.*<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/, { message: 'must be an address such as "Spreekuur <afspraak@example.org>"' })
    .default("Spreekuur <no-reply@localhost>"),
  MAIL_DIR: z.string().default("./data/mail"),
  SMS_HOST: z.string().optional(),
  SMS_PORT: whole(1, 65535).optional(),
  SMS_TLS: flag.default(false),
  SMS_SYSTEM_ID: z.string().max(15, { message: "must be at most 15 characters (SMPP system_id)" }).optional(),
  SMS_PASSWORD: z.string().max(8, { message: "must be at most 8 characters (SMPP password)" }).optional(),
  // A number clients can answer (to cancel by reply), or a name of at most 11 letters.
  SMS_FROM: z
    .string()
    .regex(/^(\+?\d{3,15}|[A-Za-z0-9 ]{1,11})$/, { message: 'must be a phone number such as +3197010203040 or a name of at most 11 letters and digits such as "Spreekuur"' })
    .default("Spreekuur"),
  SMS_DIR: z.string().default("./data/sms"),
  SMS_ENQUIRE_LINK_SECONDS: whole(5, 3600, "seconds").default(30),
  SMS_TIMEOUT_SECONDS: whole(1, 300, "seconds").default(15),
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a time such as 10:00" })
    .default("10:00"),
  OFFER_HOLD_MINUTES: whole(5, 240, "minutes").default(30),
  OUTBOX_WORKER: flag.default(true),
  OUTBOX_LEASE_SECONDS: whole(1, 3600, "seconds").default(300),
  OVERLOAD_MAX_DELAY_MS: whole(0, 60_000, "milliseconds").default(250),
  MAX_IN_FLIGHT: whole(1, 10_000).default(32),
  RATE_LIMIT_BOOKINGS: whole(1, 100_000).default(20),
  RATE_LIMIT_MANAGE: whole(1, 100_000).default(60),
  RATE_LIMIT_LOST_LINK: whole(1, 100_000).default(20),
  MAX_BOOKINGS_PER_CONTACT: whole(1, 100).default(3),
  SESSION_IDLE_MINUTES: whole(5, 24 * 60, "minutes").default(30),
  ADMIN_EMAIL: z.email({ message: "must be an email address" }).default("admin@spreekuur.local"),
  ADMIN_PASSWORD: z.string().min(12, { message: "must be at least 12 characters" }).optional(),
});

export interface Config {
  host: string;
  port: number;
  /** Base URL for links in messages, without a trailing slash. */
  publicUrl: string;
  databaseUrl: string;
  /** PostgreSQL: connections each app server keeps at most. */
  databasePoolSize: number;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  /** false, a number of proxy hops to trust, or the proxies' addresses. */
  trustProxy: false | number | string[];
  templateCache: boolean;
  defaultLocale: Locale;
  seedOnStart: boolean;
  /** Days after an appointment (or its cancellation) that its personal data is erased. */
  retentionDays: number;
  /** Key material for sealing manage tokens (and signing sessions); null until supplied. */
  appSecret: string | null;
  mail: MailConfig;
  sms: SmsConfig;
  /**
   * Requests per minute per visitor (bookings, manage-link pages), and "Lost your link?"
   * forms sent per hour per visitor.
   */
  rateLimits: { bookings: number; manage: number; lostLink: number };
  /** Event-loop delay beyond which requests are shed with 503; 0 turns the guard off. */
  overloadMaxDelayMs: number;
  /** Requests of one kind (bookings, manage-link pages, sign-ins) handled at once; more get 503 at once. */
  maxInFlight: number;
  /** Future appointments one client email or phone may hold when booking online. */
  maxBookingsPerContact: number;
  /** Staff are signed out after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** The first administrator, created on a fresh install. */
  admin: { email: string; password: string | null };
}

export interface MailConfig {
  /** null: no SMTP server, messages are written as .eml files to `dir`. */
  smtp: { host: string; port: number; security: "tls" | "starttls" | "none"; user?: string; password?: string; caFile?: string } | null;
  from: string;
  dir: string;
  /** Wall-clock time, the day before the appointment, when reminders go out. */
  reminderTime: string;
  /** How long a freed place offered to the waiting list is held for an answer. */
  offerHoldMinutes: number;
  /** Run the outbox worker inside the server. */
  worker: boolean;
  /** A message claimed longer ago than this was abandoned by a worker that died. */
  leaseSeconds: number;
}

export interface SmppConfig {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** Sender: a number clients can answer, or an alphanumeric name. */
  from: string;
  enquireLinkMs: number;
  /** How long to wait for a connection or an answer. */
  timeoutMs: number;
  /** First wait before binding again after the link was lost; doubles up to 5 minutes. */
  reconnectMs: number;
}

export interface SmsConfig {
  /** null: no SMS provider, text messages are written as .txt files to `dir`. */
  smpp: SmppConfig | null;
  dir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "ConfigError";
  }
}

/**
 * SMTP settings that would be silently ignored: without SMTP_HOST every message is only
 * written to MAIL_DIR, so a misspelt host name must stop the start, not lose the mail.
 */
function smtpProblems(env: Record<string, string>): string[] {
  const given = ["SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_CA_FILE"].filter((key) => key in env);
  const problems: string[] = [];
  if (!("SMTP_HOST" in env) && given.length > 0) {
    problems.push(`SMTP_HOST: must be set when ${given.join(", ")} ${given.length > 1 ? "are" : "is"} (without it, emails are only written to MAIL_DIR)`);
  }
  if ("SMTP_USER" in env && !("SMTP_PASSWORD" in env)) problems.push("SMTP_PASSWORD: must be set when SMTP_USER is");
  return problems;
}

/** SMS settings that would be silently ignored, or an SMPP link that cannot bind. */
function smsProblems(env: Record<string, string>): string[] {
  const given = ["SMS_PORT", "SMS_SYSTEM_ID", "SMS_PASSWORD"].filter((key) => key in env);
  if (!("SMS_HOST" in env)) {
    return given.length > 0 ? [`SMS_HOST: must be set when ${given.join(", ")} ${given.length > 1 ? "are" : "is"} (without it, text messages are only written to SMS_DIR)`] : [];
  }
  return ["SMS_SYSTEM_ID", "SMS_PASSWORD"].filter((key) => !(key in env)).map((key) => `${key}: must be set when SMS_HOST is`);
}

/**
 * Several app servers on one PostgreSQL database must share one APP_SECRET (a manage link
 * sealed by one is opened by another), so it cannot be made up by each server.
 */
function secretProblems(env: Record<string, string>): string[] {
  return /^postgres/i.test(env.DATABASE_URL ?? "") && !("APP_SECRET" in env) ? ["APP_SECRET: must be set with a PostgreSQL DATABASE_URL (the same value on every app server)"] : [];
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value means "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const parsed = schema.safeParse(present);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)), ...smtpProblems(present), ...smsProblems(present), ...secretProblems(present)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const shownHost = ["0.0.0.0", "::", "127.0.0.1"].includes(e.HOST) ? "localhost" : e.HOST;
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    templateCache: e.TEMPLATE_CACHE,
    defaultLocale: e.DEFAULT_LOCALE,
    seedOnStart: e.SEED_ON_START,
    retentionDays: e.RETENTION_DAYS,
    appSecret: e.APP_SECRET ?? null,
    mail: {
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? (e.SMTP_SECURITY === "tls" ? 465 : 587),
            security: e.SMTP_SECURITY,
            ...(e.SMTP_USER ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD ?? "" } : {}),
            ...(e.SMTP_CA_FILE ? { caFile: e.SMTP_CA_FILE } : {}),
          }
        : null,
      from: e.MAIL_FROM,
      dir: e.MAIL_DIR,
      reminderTime: e.REMINDER_TIME,
      offerHoldMinutes: e.OFFER_HOLD_MINUTES,
      worker: e.OUTBOX_WORKER,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
    },
    sms: {
      smpp: e.SMS_HOST
        ? {
            host: e.SMS_HOST,
            port: e.SMS_PORT ?? (e.SMS_TLS ? 3550 : 2775),
            tls: e.SMS_TLS,
            systemId: e.SMS_SYSTEM_ID ?? "",
            password: e.SMS_PASSWORD ?? "",
            from: e.SMS_FROM,
            enquireLinkMs: e.SMS_ENQUIRE_LINK_SECONDS * 1000,
            timeoutMs: e.SMS_TIMEOUT_SECONDS * 1000,
            reconnectMs: 5000,
          }
        : null,
      dir: e.SMS_DIR,
    },
    rateLimits: { bookings: e.RATE_LIMIT_BOOKINGS, manage: e.RATE_LIMIT_MANAGE, lostLink: e.RATE_LIMIT_LOST_LINK },
    overloadMaxDelayMs: e.OVERLOAD_MAX_DELAY_MS,
    maxInFlight: e.MAX_IN_FLIGHT,
    maxBookingsPerContact: e.MAX_BOOKINGS_PER_CONTACT,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    admin: { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD ?? null },
  };
}

/**
 * Reads .env (when present) into the environment, then validates it. Without APP_SECRET
 * a random one is made once and kept beside the database, so the embedded defaults need
 * no settings and a restart keeps manage links in messages working.
 */
export function configFromProcess(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env);
  if (config.appSecret) return config;
  const file = join(dirname(resolve(config.databaseUrl.replace(/^file:/, ""))), "app-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { ...config, appSecret: readFileSync(file, "utf8").trim() };
}
