// Retention: a set number of days after an appointment (or after its cancellation) the
// personal data of a booking is erased — name (and its folded copy for the search),
// contact details, note, caseworker details, the sealed manage token — together with its
// messages and their .eml copies.
// What stays is anonymous: office, date, language, interpreter, channel, outcome.
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { engineOf, type Db } from "../../db/client.ts";
import { emlFileName, outboxMessageId } from "../../emails/transport.ts";
import { smsFileName } from "../../sms/transport.ts";
import { addDays, localDateOf } from "../../local-date.ts";

export interface RetentionPolicy {
  retentionDays: number;
  /** Where the file transport writes .eml copies; null when mail goes over SMTP. */
  mailDir: string | null;
  /** Where the file transport writes text messages (.txt); null with an SMS provider. */
  smsDir?: string | null;
  publicUrl: string;
}

export interface RetentionResult {
  bookings: number;
  messages: number;
  files: number;
  waiting: number;
}

const DAY_MS = 86_400_000;

/**
 * Rows are erased this many at a time, so a large backlog (a first run on years of data,
 * or a server that was off for weeks) never holds them all in memory at once.
 */
const BATCH = 500;

export async function eraseExpiredPersonalData(db: Db, policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - policy.retentionDays * DAY_MS);
  const expired = {
    erasedAt: null,
    OR: [
      { status: { not: "CANCELLED" as const }, endsAt: { lt: cutoff } },
      { status: "CANCELLED" as const, cancelledAt: { lt: cutoff } },
    ],
  };
  let bookings = 0;
  for (;;) {
    const batch = (await db.booking.findMany({ where: expired, select: { id: true }, orderBy: { id: "asc" }, take: BATCH })).map((b) => b.id);
    if (batch.length === 0) break;
    const erased = await db.booking.updateMany({
      where: { id: { in: batch }, ...expired },
      data: {
        name: null,
        searchName: null,
        phone: null,
        email: null,
        note: null,
        emailKey: null,
        phoneKey: null,
        referrerOrgName: null,
        referrerName: null,
        referrerEmail: null,
        cancelReason: null,
        manageTokenSealed: null,
        erasedAt: now,
      },
    });
    bookings += erased.count;
  }

  // Messages of erased bookings, and any message without a booking older than the period.
  let messages = 0;
  let files = 0;
  for (;;) {
    const batch = await db.outboxMessage.findMany({
      where: { erasedAt: null, OR: [{ booking: { erasedAt: { not: null } } }, { bookingId: null, createdAt: { lt: cutoff } }] },
      select: { id: true, createdAt: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    for (const message of batch) {
      const written = [
        policy.mailDir ? join(resolve(policy.mailDir), emlFileName(outboxMessageId(message, policy.publicUrl))) : null,
        policy.smsDir ? join(resolve(policy.smsDir), smsFileName(`outbox-${message.id}-${message.createdAt.getTime()}`)) : null,
      ];
      for (const file of written) {
        if (!file) continue;
        try {
          rmSync(file);
          files++;
        } catch {
          // Never written (not sent yet, sent another way, or before the file transport was used).
        }
      }
    }
    const ids = batch.map((m) => m.id);
    await db.outboxMessage.updateMany({ where: { id: { in: ids }, status: { in: ["PENDING", "SENDING"] } }, data: { status: "WITHDRAWN" } });
    await db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { recipient: null, payload: null, lastError: null, erasedAt: now } });
    messages += ids.length;
  }

  // Walk-ins on a waiting list: the day of the session counts as the appointment.
  const lastDay = addDays(localDateOf(cutoff, "Europe/Amsterdam"), -1);
  const waiting = await db.waitingListEntry.updateMany({ where: { erasedAt: null, date: { lte: lastDay } }, data: { name: null, phone: null, phoneKey: null, email: null, erasedAt: now } });

  // The old values may linger in the database files (SQLite's write-ahead log,
  // PostgreSQL's old row versions): the engine clears them.
  if (bookings + messages + waiting.count > 0) await engineOf(db).afterErase();

  return { bookings, messages, files, waiting: waiting.count };
}
