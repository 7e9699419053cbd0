// The outbox worker: claims due messages atomically, sends them, and records the
// outcome. The engine claims (db/engine.ts) so that two workers, on one server or
// several, never hold the same message; a claim older than the lease is taken over after a crash.
// Temporary failures are retried with exponential back-off up to a maximum; a permanent
// refusal (5xx) fails the message at once without holding up the others.
import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.ts";
import { engineOf, type Db } from "../db/client.ts";
import { isDatabaseUnavailable } from "../db/errors.ts";
import type { OutboxMessage } from "../generated/prisma/client.ts";
import type { RenderedMail } from "./render.ts";
import { describeFailure, isPermanentFailure, type MailTransport } from "./transport.ts";
import type { RenderedText } from "../sms/text.ts";
import type { SmsTransport } from "../sms/transport.ts";

/** What a row renders to: an email, or a text message (by the row's channel). */
export type RenderedMessage = RenderedMail | RenderedText;

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  /** Text messages (rows whose channel is "sms") go out through this one. */
  smsTransport: SmsTransport;
  render: (row: OutboxMessage, now: Date) => Promise<RenderedMessage | null>;
  log: FastifyBaseLogger;
  batchSize?: number;
  /** A claim older than this is considered abandoned (the worker died mid-send). */
  leaseMs?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

/** The mail server accepted the message, but the database could not be told. */
class SentNotRecorded extends Error {
  constructor(cause: unknown) {
    super("a sent message could not be recorded", { cause });
  }
}

export interface RunResult {
  sent: number;
  retrying: number;
  failed: number;
  dropped: number;
}

export class OutboxWorker {
  readonly #o: Required<WorkerOptions>;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<RunResult> | null = null;
  #again = false;
  /** Until start(), only explicit runOnce() calls send (tests drive the worker). */
  #started = false;
  #stopping = false;
  /** Messages this worker claimed and could not send because the database failed. */
  #orphans: OutboxMessage[] = [];

  constructor(options: WorkerOptions) {
    this.#o = { batchSize: 20, leaseMs: 5 * 60_000, baseDelayMs: 60_000, maxDelayMs: 60 * 60_000, maxAttempts: 20, ...options };
  }

  /** When attempt number `attempts` has failed, the next one is due after this delay. */
  retryDelay(attempts: number): number {
    return Math.min(this.#o.baseDelayMs * 2 ** Math.max(0, attempts - 1), this.#o.maxDelayMs);
  }

  start(intervalMs: number): void {
    this.#started = true;
    this.#stopping = false;
    this.#timer = setInterval(() => this.wake(), intervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Runs soon; a wake during a run makes the run repeat once. */
  wake(): void {
    if (!this.#started || this.#stopping) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.runOnce().catch((error) => this.#o.log.error({ err: error }, "outbox run failed"));
  }

  /** Finishes the message being sent and gives every other claimed one back. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
    await this.#releaseOrphans().catch((error: unknown) => this.#o.log.warn({ err: error }, "could not give back claimed messages: they wait for their lease"));
  }

  /** Sends every message that is due now; resolves when they are all dealt with. */
  runOnce(): Promise<RunResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      const total: RunResult = { sent: 0, retrying: 0, failed: 0, dropped: 0 };
      try {
        do {
          this.#again = false;
          let batch: { rows: OutboxMessage[]; more: boolean };
          await this.#releaseOrphans();
          do {
            batch = await this.#claim();
            for (const [i, row] of batch.rows.entries()) {
              if (this.#stopping) {
                // Shutting down: what is not sent yet goes back to the queue now, rather
                // than wait for its claim to expire.
                this.#orphans.push(...batch.rows.slice(i));
                break;
              }
              try {
                total[await this.#deliver(row)]++;
              } catch (error) {
                // The database failed under us. The rest of the batch (and this message,
                // unless the mail server has it) was never sent: give it back next time
                // rather than leave it until its claim expires.
                this.#orphans.push(...batch.rows.slice(error instanceof SentNotRecorded ? i + 1 : i));
                throw error;
              }
            }
          } while (batch.more && !this.#stopping);
        } while (this.#again && !this.#stopping);
      } finally {
        this.#running = null;
      }
      return total;
    })();
    return this.#running;
  }

  /** Claims up to a batch of due messages; `more` when there may be others waiting. */
  #claim(): Promise<{ rows: OutboxMessage[]; more: boolean }> {
    return engineOf(this.#o.db).claimOutbox({ now: this.#o.clock.now(), leaseMs: this.#o.leaseMs, limit: this.#o.batchSize, claimToken: randomUUID() });
  }

  async #recordSent(write: () => Promise<unknown>): Promise<void> {
    for (let wait = 250; ; wait *= 2) {
      try {
        await write();
        return;
      } catch (error) {
        // Give up (and let the lease decide) only after about a minute without a database.
        if (!isDatabaseUnavailable(error) || wait > 32_000) throw new SentNotRecorded(error);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Claims this worker holds on messages it never sent (see runOnce): made pending again. */
  async #releaseOrphans(): Promise<void> {
    const orphans = this.#orphans.splice(0);
    for (const row of orphans) {
      try {
        await this.#o.db.outboxMessage.updateMany({ where: { id: row.id, claimToken: row.claimToken, status: "SENDING" }, data: { status: "PENDING", claimToken: null } });
      } catch (error) {
        this.#orphans.push(...orphans.slice(orphans.indexOf(row)));
        throw error;
      }
    }
  }

  async #deliver(row: OutboxMessage): Promise<keyof RunResult> {
    const { db, clock, log } = this.#o;
    const mine = { id: row.id, claimToken: row.claimToken, status: "SENDING" as const };
    const attempts = row.attempts + 1;
    let mail: RenderedMessage | null;
    try {
      mail = await this.#o.render(row, clock.now());
    } catch (error) {
      log.error({ err: error, outboxId: row.id }, "outbox message could not be rendered");
      await db.outboxMessage.updateMany({ where: mine, data: { status: "FAILED", attempts, lastError: "Could not render the message" } });
      return "failed";
    }
    if (!mail) {
      await db.outboxMessage.updateMany({ where: mine, data: { status: "WITHDRAWN", payload: null } });
      return "dropped";
    }
    let providerMessageId: string | null = null;
    let partIds: string[] = [];
    try {
      if ("channel" in mail) ({ providerMessageId, partIds = [] } = await this.#o.smsTransport.send({ to: mail.to, text: mail.text, reference: `outbox-${row.id}-${row.createdAt.getTime()}` }));
      else await this.#o.transport.send({ ...mail, date: clock.now() });
    } catch (error) {
      const lastError = describeFailure(error);
      const permanent = isPermanentFailure(error);
      const givenUp = permanent || attempts >= this.#o.maxAttempts;
      const nextAttemptAt = new Date(clock.now().getTime() + this.retryDelay(attempts));
      await db.outboxMessage.updateMany({
        where: mine,
        data: givenUp ? { status: "FAILED", attempts, lastError } : { status: "PENDING", attempts, lastError, nextAttemptAt, claimToken: null },
      });
      // The reply text may name the recipient, so only codes go to the log.
      log.warn({ outboxId: row.id, kind: row.kind, channel: row.channel, attempts, permanent, code: (error as { code?: string }).code }, givenUp ? "message failed" : "message will be retried");
      return givenUp ? "failed" : "retrying";
    }
    // Sent: keep the record, drop what it said. The mail server has it now, so this must
    // be recorded even through a database restart, or the message would go out again
    // once its claim expires.
    const sent = { status: "SENT" as const, attempts, sentAt: clock.now(), lastError: null, payload: null, providerMessageId };
    await this.#recordSent(() =>
      partIds.length === 0
        ? db.outboxMessage.updateMany({ where: mine, data: sent })
        : db.$transaction([
            db.outboxMessage.updateMany({ where: mine, data: sent }),
            // Sent again after a lost record: the parts of the last sending count.
            db.smsPart.deleteMany({ where: { outboxId: row.id } }),
            db.smsPart.createMany({ data: partIds.map((id, i) => ({ outboxId: row.id, part: i + 1, providerMessageId: id })) }),
          ]),
    );
    log.info({ outboxId: row.id, kind: row.kind, channel: row.channel }, "message sent");
    return "sent";
  }
}
