// The private calendar-feed URL of a staff member. The URL carries 256 random bits; the
// database keeps only their SHA-256, so a copy of the database does not open any feed.
// Making a new one replaces the hash, so the old URL stops working at once.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes (or renews) the user's feed; returns the secret token, to be shown once. */
export async function issueFeedToken(db: Db, input: { actor: Actor; userId: number }, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const user = await tx.staffUser.findUniqueOrThrow({ where: { id: input.userId }, select: { feedTokenHash: true, role: true } });
    await tx.staffUser.update({ where: { id: input.userId }, data: { feedTokenHash: hashFeedToken(token) } });
    const action = user.feedTokenHash ? "user.feed-renewed" : "user.feed-created";
    await recordAudit(tx, { actor: input.actor, action, entityType: "user", entityId: input.userId, detail: { role: user.role } }, now);
  });
  return token;
}

/** Removes the feed; returns false when there was none. */
export async function revokeFeedToken(db: Db, input: { actor: Actor; userId: number }, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({ where: { id: input.userId, feedTokenHash: { not: null } }, data: { feedTokenHash: null } });
    if (count === 0) return false;
    await recordAudit(tx, { actor: input.actor, action: "user.feed-revoked", entityType: "user", entityId: input.userId }, now);
    return true;
  });
}

/** The active staff user a feed token belongs to, with their offices; null otherwise. */
export async function findFeedUser(db: Db, token: string) {
  if (!tokenPattern.test(token)) return null;
  const user = await db.staffUser.findUnique({
    where: { feedTokenHash: hashFeedToken(token) },
    include: { offices: { select: { officeId: true } } },
  });
  return user && !user.disabled ? user : null;
}

/** Whether the user has a feed now (its URL cannot be shown again, only renewed). */
export async function hasCalendarFeed(db: Db, userId: number): Promise<boolean> {
  const user = await db.staffUser.findUnique({ where: { id: userId }, select: { feedTokenHash: true } });
  return Boolean(user?.feedTokenHash);
}
