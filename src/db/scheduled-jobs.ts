// Periodic jobs that must run once per period, however many app servers run them. A
// server runs a job only after claiming it: one conditional update, which the database
// lets exactly one server win. A claim is a lease: a server that dies mid-run leaves it
// to another once the lease has passed.
import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

/** Claims the job if it is due; true when this server is to run it now. */
export async function claimJob(db: Db, name: string, now: Date, leaseMs: number): Promise<boolean> {
  try {
    await db.scheduledJob.create({ data: { name, dueAt: now } });
  } catch (error) {
    // Made before, by this server or another.
    if (!isUniqueViolation(error)) throw error;
  }
  const { count } = await db.scheduledJob.updateMany({
    where: { name, dueAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** The job ran: it is due again after `periodMs`. */
export async function finishJob(db: Db, name: string, now: Date, periodMs: number): Promise<void> {
  await db.scheduledJob.update({ where: { name }, data: { dueAt: new Date(now.getTime() + periodMs), claimedUntil: null, lastRunAt: now } });
}
