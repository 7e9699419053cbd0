// The staff session cookie: what the browser holds (a secret the database knows only as a
// hash, see domain/accounts/staff-sessions.ts). A new session is made at every sign-in
// (the old one is dropped).
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { endStaffSession, findStaffSession, startStaffSession, type StaffSession } from "../../domain/accounts/staff-sessions.ts";

export const SESSION_COOKIE = "spreekuur_staff";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member on a staff page (set in the staff scope's onRequest hook), or null. */
    staff: StaffSession | null;
  }
}

/**
 * The signed-in staff member. The staff scope's preHandler sends anyone not signed in to
 * the sign-in page before a handler runs, except on routes marked `anonymous`; a request
 * without one here is a bug: an anonymous route (or one outside /staff) asking for it.
 */
export function signedIn(request: FastifyRequest): StaffSession {
  if (!request.staff) throw new Error(`no signed-in staff member on ${request.routeOptions.url ?? "(no route)"}: an anonymous route asking for one?`);
  return request.staff;
}

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

/** The secret of this browser's session, or "" when it has none. */
export const sessionSecret = (request: FastifyRequest) => request.cookies[SESSION_COOKIE] ?? "";

export async function startSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, userId: number) {
  await endSession(app, request, reply);
  reply.setCookie(SESSION_COOKIE, await startStaffSession(app.db, userId, app.clock.now()), cookieOptions(app));
}

export async function endSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const secret = sessionSecret(request);
  if (secret) await endStaffSession(app.db, secret);
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app));
  request.staff = null;
}

/** The signed-in staff member of this request, or null. */
export async function loadStaff(app: FastifyInstance, request: FastifyRequest): Promise<StaffSession | null> {
  const secret = sessionSecret(request);
  return secret ? findStaffSession(app.db, secret, app.config.sessionIdleMinutes * 60_000, app.clock.now()) : null;
}
