// Signing in and out, changing one's password, choosing the staff language.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { recordAudit } from "../../domain/audit/audit-entry.ts";
import { LoginThrottle } from "../../domain/accounts/login-throttle.ts";
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "../../domain/accounts/passwords.ts";
import { isStaffLocale } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { endOtherSessions, endSession, sameSecret, startSession } from "./session.ts";

const LOGIN_COOKIE = "staff_login";
const loginForm = z.object({ email: z.string().max(254), password: z.string().max(1000), _login: z.string(), next: z.string().optional() });

/** Only pages of the staff side, so the sign-in cannot be used to send someone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/staff(\/[\w\-/.?=&%]*)?$/.test(next) && !next.includes("//") ? next : "/staff";
}

export default async function authRoutes(app: FastifyInstance) {
  const throttle = new LoginThrottle(app.limitStore, app.config.appSecret!);

  // Login CSRF: the form must come with a value also set as a cookie on this browser.
  async function renderLogin(reply: FastifyReply, status: number, fields: { email?: string; error?: string; next?: string }) {
    const nonce = randomBytes(24).toString("base64url");
    reply.setCookie(LOGIN_COOKIE, nonce, { path: "/staff/login", httpOnly: true, sameSite: "strict", secure: app.config.publicUrl.startsWith("https://") });
    const html = await reply.viewAsync("staff/login.eta", { nonce, email: fields.email ?? "", error: fields.error ?? null, next: safeNext(fields.next) });
    return reply.code(status).type("text/html; charset=utf-8").send(html);
  }

  // Before signing in, the language of the staff pages is a cookie (afterwards the user's own).
  app.get("/login/:locale", { config: { anonymous: true } }, async (request, reply) => {
    const { locale } = request.params as { locale: string };
    if (!isStaffLocale(locale)) return renderError(request, reply, 404);
    reply.setCookie("staff_lang", locale, { path: "/staff", maxAge: 365 * 24 * 3600, httpOnly: true, sameSite: "lax", secure: app.config.publicUrl.startsWith("https://") });
    const next = safeNext((request.query as { next?: string }).next);
    return reply.redirect(next === "/staff" ? "/staff/login" : `/staff/login?next=${encodeURIComponent(next)}`, 303);
  });

  app.get("/login", { config: { anonymous: true } }, async (request, reply) => {
    if (request.staff) return reply.redirect("/staff", 303);
    return renderLogin(reply, 200, { next: (request.query as { next?: string }).next });
  });

  app.post(
    "/login",
    { config: { anonymous: true, ...app.limited("sign-in").config } },
    async (request, reply) => {
      const parsed = loginForm.safeParse(request.body);
      if (!parsed.success || !sameSecret(parsed.data._login, request.cookies[LOGIN_COOKIE] ?? "")) {
        return renderLogin(reply, 400, { error: "staff.login.expired" });
      }
      const { password, next } = parsed.data;
      const email = parsed.data.email.trim().toLowerCase();
      const now = app.clock.now();
      if (!(await throttle.reserve(email, now)).allowed) {
        return renderLogin(reply, 429, { email, next, error: "staff.login.wait" });
      }
      const user = await app.db.staffUser.findUnique({ where: { email } });
      const ok = await verifyPassword(user && !user.disabled ? user.passwordHash : await decoyHash(), password);
      if (!user || user.disabled || !ok) {
        return renderLogin(reply, 401, { email, next, error: "staff.login.failed" });
      }
      await throttle.succeeded(email, now);
      await startSession(app, request, reply, user.id);
      await recordAudit(app.db, { actor: { type: "staff", id: user.id }, action: "user.signed-in", entityType: "user", entityId: user.id }, now);
      return reply.redirect(safeNext(next), 303);
    },
  );

  app.post("/logout", { config: { beforePasswordChange: true } }, async (request, reply) => {
    await endSession(app, request, reply);
    return reply.redirect("/staff/login", 303);
  });

  const passwordForm = z
    .object({
      current: z.string().max(1000),
      password: z.string().min(MIN_PASSWORD_LENGTH, "staff.password.tooShort").max(1000, "staff.password.tooLong"),
      repeat: z.string().max(1000),
    })
    .refine((f) => f.password === f.repeat, { message: "staff.password.mismatch", path: ["repeat"] });

  const passwordPage = { config: { beforePasswordChange: true } };
  app.get("/password", passwordPage, async (request, reply) =>
    reply.viewAsync("staff/password.eta", { errors: {}, done: false, mustChange: request.staff!.user.mustChangePassword }),
  );

  app.post("/password", passwordPage, async (request, reply) => {
    const staff = request.staff!;
    const parsed = passwordForm.safeParse(request.body);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith("staff.") ? issue.message : "staff.password.invalid";
    }
    const user = await app.db.staffUser.findUniqueOrThrow({ where: { id: staff.user.id } });
    const current = (request.body as Record<string, unknown>).current;
    if (typeof current !== "string" || !(await verifyPassword(user.passwordHash, current))) errors.current = "staff.password.currentWrong";
    // Above all the one-time password an administrator gave out must really be replaced.
    else if (parsed.success && parsed.data.password === current) errors.password ??= "staff.password.same";
    if (Object.keys(errors).length > 0 || !parsed.success) {
      const html = await reply.viewAsync("staff/password.eta", { errors, done: false, mustChange: staff.user.mustChangePassword });
      return reply.code(422).type("text/html; charset=utf-8").send(html);
    }
    const now = app.clock.now();
    await app.db.$transaction(async (tx) => {
      await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data.password), mustChangePassword: false } });
      await recordAudit(tx, { actor: { type: "staff", id: user.id }, action: "user.password-changed", entityType: "user", entityId: user.id }, now);
    });
    // Other browsers signed in as this user have to sign in again with the new password.
    await endOtherSessions(app, request, user.id);
    return reply.viewAsync("staff/password.eta", { errors: {}, done: true, mustChange: false });
  });

  app.post("/language", async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    if (isStaffLocale(body.locale)) {
      await app.db.staffUser.update({ where: { id: request.staff!.user.id }, data: { locale: body.locale } });
    }
    return reply.redirect(safeNext(body.next), 303);
  });
}
