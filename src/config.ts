// Settings come from the environment, validated once at boot. loadConfig is pure so tests
// can build a config from a plain object; only configFromProcess touches process.env.
import { existsSync } from "node:fs";
import { z } from "zod";
import { locales, type Locale } from "./i18n/locales.ts";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number({ message: "must be a number" }).int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ message: "must be a full URL such as https://afspraak.example.org" }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, { message: 'must be a SQLite file URL such as "file:./data/spreekuur.db"' })
    .default("file:./data/spreekuur.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: flag.default(false),
  TEMPLATE_CACHE: flag.default(true),
  DEFAULT_LOCALE: z.enum(locales).default("nl"),
  SEED_ON_START: flag.default(true),
  RETENTION_DAYS: z.coerce.number({ message: "must be a number of days" }).int().min(1).max(3650).default(30),
});

export interface Config {
  host: string;
  port: number;
  /** Base URL for links in messages, without a trailing slash. */
  publicUrl: string;
  databaseUrl: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  trustProxy: boolean;
  templateCache: boolean;
  defaultLocale: Locale;
  seedOnStart: boolean;
  /** Days after an appointment (or its cancellation) that its personal data is erased. */
  retentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value means "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const shownHost = ["0.0.0.0", "::", "127.0.0.1"].includes(e.HOST) ? "localhost" : e.HOST;
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    templateCache: e.TEMPLATE_CACHE,
    defaultLocale: e.DEFAULT_LOCALE,
    seedOnStart: e.SEED_ON_START,
    retentionDays: e.RETENTION_DAYS,
  };
}

/** Reads .env (when present) into the environment, then validates it. */
export function configFromProcess(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return loadConfig(process.env);
}
