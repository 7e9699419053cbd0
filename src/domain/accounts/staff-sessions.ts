// Staff sessions in the database. The browser's cookie holds 256 random bits; the table
// holds only their hash, the user, a CSRF token and when the session was last used. A
// session unused for longer than the idle timeout, or of a disabled user, is gone.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { ReadCache } from "../../db/read-cache.ts";
import type { StaffRole } from "../../generated/prisma/client.ts";
import type { StaffLocale } from "../../i18n/catalogue.ts";
import { allOffices } from "../offices/find-office.ts";

/** A session is marked as used at most this often (a write per request would cost). */
const TOUCH_EVERY_MS = 60_000;

export interface StaffSession {
  user: { id: number; email: string; name: string; role: StaffRole; locale: StaffLocale; mustChangePassword: boolean };
  /** Offices this user works for; an administrator works for all. */
  officeIds: number[];
  csrfToken: string;
}

interface StoredSession {
  lastSeenAt: Date;
  disabled: boolean;
  session: StaffSession;
}

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Starts a session for the user; returns the secret for the browser's cookie. */
export async function startStaffSession(db: Db, userId: number, now: Date): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await db.staffSession.create({ data: { idHash: hash(secret), userId, csrfToken: randomBytes(24).toString("base64url"), createdAt: now, lastSeenAt: now } });
  return secret;
}

export async function endStaffSession(db: Db, secret: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { idHash: hash(secret) } });
}

/** Ends every session of the user but the one with this secret (after a password change). */
export async function endOtherStaffSessions(db: Db, userId: number, keep: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { userId, NOT: { idHash: hash(keep) } } });
}

async function readSession(db: Db, idHash: string, now: Date): Promise<StoredSession | null> {
  const row = await db.staffSession.findUnique({ where: { idHash }, include: { user: { include: { offices: { select: { officeId: true } } } } } });
  if (!row) return null;
  const { user } = row;
  const officeIds = user.role === "ADMIN" ? (await allOffices(db, now)).map((o) => o.id) : user.offices.map((o) => o.officeId);
  return {
    lastSeenAt: row.lastSeenAt,
    disabled: user.disabled,
    session: {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale === "en" ? "en" : "nl", mustChangePassword: user.mustChangePassword },
      officeIds,
      csrfToken: row.csrfToken,
    },
  };
}

// Every staff request needs its session; it is read from the database again only after
// a write to one of these tables (a sign-in, a touch, any change) or after half a minute.
const caches = new WeakMap<Db, ReadCache<StoredSession | null>>();

/**
 * The session this secret opens, or null (unknown, idle too long — then it is ended —
 * or of a disabled user). Using it marks it as used.
 */
export async function findStaffSession(db: Db, secret: string, idleLimitMs: number, now: Date): Promise<StaffSession | null> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache<StoredSession | null>(db, ["StaffSession", "StaffUser", "StaffUserOffice", "Office"], 30_000, 1000);
    caches.set(db, cache);
  }
  const idHash = hash(secret);
  const stored = await cache.get(idHash, now, () => readSession(db, idHash, now));
  if (!stored) return null;
  const idle = now.getTime() - stored.lastSeenAt.getTime();
  if (idle > idleLimitMs || stored.disabled) {
    await db.staffSession.deleteMany({ where: { idHash } });
    return null;
  }
  if (idle > TOUCH_EVERY_MS) await db.staffSession.updateMany({ where: { idHash }, data: { lastSeenAt: now } });
  // A copy: a request may change its own view (e.g. the locale) without touching the cache.
  return { ...stored.session, user: { ...stored.session.user }, officeIds: [...stored.session.officeIds] };
}

/** Ends every session unused for longer than the idle limit (the daily clean-up). */
export async function endIdleStaffSessions(db: Db, idleLimitMs: number, now: Date): Promise<number> {
  const { count } = await db.staffSession.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - idleLimitMs) } } });
  return count;
}
