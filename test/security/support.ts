// Shared by the security tests: the routes the app really registers, a fingerprint of the
// database, what a response body must never show, and raw HTTP for requests that
// light-my-request would normalise or refuse to build.
import { createHash } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import type { Db } from "../../src/db/client.ts";
import type { Browser } from "../helpers/staff.ts";

export interface RecordedRoute {
  method: string;
  url: string;
  anonymous: boolean;
}

/**
 * Records every route of the next Fastify instance built in this process, through an
 * onRoute hook added at creation (Fastify publishes each new instance on the
 * `fastify.initialization` channel), so the list is what the app registers, not what a
 * test remembers.
 */
export function recordRoutes(): { routes: RecordedRoute[]; stop: () => void } {
  const routes: RecordedRoute[] = [];
  const channel = diagnostics.channel("fastify.initialization");
  const listener = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const config = (route.config ?? {}) as { anonymous?: boolean };
      for (const method of methods) routes.push({ method: String(method), url: route.url, anonymous: config.anonymous === true });
    });
  };
  channel.subscribe(listener);
  return { routes, stop: () => channel.unsubscribe(listener) };
}

/** Row counts and a hash of every row of the tables that hold bookings, staff and schedules. */
export async function databaseFingerprint(db: Db) {
  const tables = {
    Booking: await db.booking.findMany({ orderBy: { id: "asc" } }),
    OutboxMessage: await db.outboxMessage.findMany({ orderBy: { id: "asc" } }),
    StaffUser: await db.staffUser.findMany({ orderBy: { id: "asc" } }),
    StaffUserOffice: await db.staffUserOffice.findMany({ orderBy: [{ userId: "asc" }, { officeId: "asc" }] }),
    ConsultationSeries: await db.consultationSeries.findMany({ orderBy: { id: "asc" } }),
    ScheduleException: await db.scheduleException.findMany({ orderBy: { id: "asc" } }),
    WaitingListEntry: await db.waitingListEntry.findMany({ orderBy: { id: "asc" } }),
    Office: await db.office.findMany({ orderBy: { id: "asc" } }),
    AuditEntry: await db.auditEntry.findMany({ orderBy: { id: "asc" } }),
  };
  const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [name, { count: rows.length, hash: createHash("sha256").update(json(rows)).digest("hex") }]),
  );
}

/** The Cookie header a signed-in test browser sends. */
export function cookieHeader(browser: Browser): string {
  return [...browser.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
}

/** What no response may show: stack frames, source paths, database internals. */
export function leaks(body: string): string[] {
  const found: string[] = [];
  if (/^\s*at .+:\d+:\d+\)?\s*$/m.test(body) || /\bat [\w.<>$]+ \([^)]*:\d+:\d+\)/.test(body)) found.push("a stack trace");
  for (const marker of ["/work/main", "node_modules", "/src/", ".ts:", "PrismaClient", "SQLITE_", "RangeError", "TypeError", "ReferenceError"]) {
    if (body.includes(marker)) found.push(`"${marker}"`);
  }
  return found;
}

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Sends bytes exactly as given on a new connection and reads the answer until it closes. */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer in time"));
    }, timeoutMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => {
      // The server may close while the test still writes an oversized request; what it
      // answered before is what counts.
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join("\r\n\r\n") });
    });
    socket.write(bytes);
  });
}

/**
 * A real SMTP server that refuses every recipient permanently, naming the address in its
 * reply the way Postfix does ("550 5.1.1 <a@b>: Recipient address rejected"), so a sending
 * error that contains the address really happens.
 */
export async function startRefusingSmtp(t: { teardown(fn: () => unknown): void }): Promise<{ env: Record<string, string>; refused: string[] }> {
  const refused: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      refused.push(address.address);
      const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SMTP_SECURITY: "none", MAIL_FROM: "Spreekuur <afspraak@spreekuur.test>" },
    refused,
  };
}
