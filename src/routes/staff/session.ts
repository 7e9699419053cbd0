// Staff sessions in the database. The cookie holds 256 random bits; the table holds
// only their hash, the user, a CSRF token and when the session was last used. A new
// session is made at every sign-in (the old one is dropped), and one unused for longer
// than SESSION_IDLE_MINUTES is gone.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StaffRole } from "../../generated/prisma/client.ts";
import type { StaffLocale } from "../../i18n/catalogue.ts";
import { ReadCache } from "../../db/read-cache.ts";

export const SESSION_COOKIE = "spreekuur_staff";
const TOUCH_EVERY_MS = 60_000;

export interface StaffContext {
  user: { id: number; email: string; name: string; role: StaffRole; locale: StaffLocale; mustChangePassword: boolean };
  /** Offices this user works for; an administrator works for all. */
  officeIds: number[];
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyRequest {
    staff: StaffContext | null;
  }
}

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

export function sameSecret(a: unknown, b: string): boolean {
  if (typeof a !== "string" || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieOptions(app: FastifyInstance) {
  return {
    path: "/staff",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.config.publicUrl.startsWith("https://"),
  };
}

export async function startSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, userId: number) {
  await endSession(app, request, reply);
  const id = randomBytes(32).toString("base64url");
  const now = app.clock.now();
  await app.db.staffSession.create({
    data: { idHash: hash(id), userId, csrfToken: randomBytes(24).toString("base64url"), createdAt: now, lastSeenAt: now },
  });
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(app));
}

export async function endSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const id = request.cookies[SESSION_COOKIE];
  if (id) await app.db.staffSession.deleteMany({ where: { idHash: hash(id) } });
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app));
  request.staff = null;
}

/** Signs the user out everywhere but in this browser (after a password change). */
export async function endOtherSessions(app: FastifyInstance, request: FastifyRequest, userId: number) {
  const id = request.cookies[SESSION_COOKIE] ?? "";
  await app.db.staffSession.deleteMany({ where: { userId, NOT: { idHash: hash(id) } } });
}

interface StoredSession {
  idHash: string;
  lastSeenAt: Date;
  disabled: boolean;
  context: StaffContext;
}

// Every staff request needs its session; it is read from the database again only after
// a write (a sign-in, a touch, any change) or after half a minute.
const sessionCaches = new WeakMap<FastifyInstance, ReadCache<StoredSession | null>>();

async function readSession(app: FastifyInstance, idHash: string): Promise<StoredSession | null> {
  const session = await app.db.staffSession.findUnique({
    where: { idHash },
    include: { user: { include: { offices: { select: { officeId: true } } } } },
  });
  if (!session) return null;
  const { user } = session;
  const officeIds =
    user.role === "ADMIN"
      ? (await app.db.office.findMany({ select: { id: true } })).map((o) => o.id)
      : user.offices.map((o) => o.officeId);
  return {
    idHash,
    lastSeenAt: session.lastSeenAt,
    disabled: user.disabled,
    context: {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale === "en" ? "en" : "nl", mustChangePassword: user.mustChangePassword },
      officeIds,
      csrfToken: session.csrfToken,
    },
  };
}

/** The signed-in staff member of this request, or null. */
export async function loadStaff(app: FastifyInstance, request: FastifyRequest): Promise<StaffContext | null> {
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return null;
  let cache = sessionCaches.get(app);
  if (!cache) {
    cache = new ReadCache<StoredSession | null>(app.db, ["StaffSession", "StaffUser", "StaffUserOffice", "Office"], 30_000, 1000);
    sessionCaches.set(app, cache);
  }
  const idHash = hash(id);
  const now = app.clock.now();
  const session = await cache.get(idHash, now, () => readSession(app, idHash));
  if (!session) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (idle > app.config.sessionIdleMinutes * 60_000 || session.disabled) {
    await app.db.staffSession.deleteMany({ where: { idHash } });
    return null;
  }
  if (idle > TOUCH_EVERY_MS) {
    await app.db.staffSession.updateMany({ where: { idHash }, data: { lastSeenAt: now } });
  }
  return { ...session.context, user: { ...session.context.user }, officeIds: [...session.context.officeIds] };
}
