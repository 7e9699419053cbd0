// Signing in and out, changing one's password, choosing the staff language.
import { randomBytes } from "node:crypto";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { changePassword } from "../../domain/accounts/change-password.ts";
import { adoptSignInLocale, setStaffLocale } from "../../domain/accounts/find-staff-users.ts";
import { LoginThrottle } from "../../domain/accounts/login-throttle.ts";
import { signIn } from "../../domain/accounts/sign-in.ts";
import { isStaffLocale } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { formBody, queryText } from "../input.ts";
import { endSession, sameSecret, sessionSecret, signedIn, startSession } from "./session.ts";

const LOGIN_COOKIE = "staff_login";
const loginForm = z.object({ email: z.string().max(254), password: z.string().max(1000), _login: z.string(), next: z.string().optional() });
const localeParams = z.object({ locale: z.string() });
/** `?next=`: the staff page to go on to after signing in (see safeNext). */
const nextQuery = z.object({ next: queryText });

/** Only pages of the staff side, so the sign-in cannot be used to send someone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/staff(\/[\w\-/.?=&%]*)?$/.test(next) && !next.includes("//") ? next : "/staff";
}

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle(app.limitStore, app.config.appSecret!);

  // Login CSRF: the form must come with a value also set as a cookie on this browser.
  async function renderLogin(reply: FastifyReply, status: number, fields: { email?: string; error?: string; next?: string }) {
    const nonce = randomBytes(24).toString("base64url");
    reply.setCookie(LOGIN_COOKIE, nonce, { path: "/staff/login", httpOnly: true, sameSite: "strict", secure: app.config.publicUrl.startsWith("https://") });
    const html = await reply.viewAsync("staff/login.eta", { nonce, email: fields.email ?? "", error: fields.error ?? null, next: safeNext(fields.next) });
    return reply.code(status).type("text/html; charset=utf-8").send(html);
  }

  // Before signing in, the language of the staff pages is a cookie (afterwards the user's own).
  app.get("/login/:locale", { config: { anonymous: true }, schema: { params: localeParams, querystring: nextQuery } }, async (request, reply) => {
    const { locale } = request.params;
    if (!isStaffLocale(locale)) return renderError(request, reply, 404);
    reply.setCookie("staff_lang", locale, { path: "/staff", maxAge: 365 * 24 * 3600, httpOnly: true, sameSite: "lax", secure: app.config.publicUrl.startsWith("https://") });
    const next = safeNext(request.query.next);
    return reply.redirect(next === "/staff" ? "/staff/login" : `/staff/login?next=${encodeURIComponent(next)}`, 303);
  });

  app.get("/login", { config: { anonymous: true }, schema: { querystring: nextQuery } }, async (request, reply) => {
    if (request.staff) return reply.redirect("/staff", 303);
    return renderLogin(reply, 200, { next: request.query.next });
  });

  app.post(
    "/login",
    { config: { anonymous: true, ...app.limited("sign-in").config }, schema: { body: formBody } },
    async (request, reply) => {
      const parsed = loginForm.safeParse(request.body);
      if (!parsed.success || !sameSecret(parsed.data._login, request.cookies[LOGIN_COOKIE] ?? "")) {
        return renderLogin(reply, 400, { error: "staff.login.expired" });
      }
      const { next } = parsed.data;
      const result = await signIn({ db: app.db, throttle }, parsed.data, app.clock.now());
      const email = parsed.data.email.trim().toLowerCase();
      if (result.kind === "wait") return renderLogin(reply, 429, { email, next, error: "staff.login.wait" });
      if (result.kind === "refused") return renderLogin(reply, 401, { email, next, error: "staff.login.failed" });
      await adoptSignInLocale(app.db, result.userId, request.cookies["staff_lang"]);
      await startSession(app, request, reply, result.userId);
      return reply.redirect(safeNext(next), 303);
    },
  );

  app.post("/logout", { config: { beforePasswordChange: true } }, async (request, reply) => {
    await endSession(app, request, reply);
    return reply.redirect("/staff/login", 303);
  });

  // `next`: where a user who must first replace a one-time password was going (only a
  // staff page, see safeNext); the language button keeps it.
  const passwordPage = { config: { beforePasswordChange: true } };
  const passwordView = (next: string) => ({ next, returnTo: next === "/staff" ? "/staff/password" : `/staff/password?next=${encodeURIComponent(next)}` });
  app.get("/password", { ...passwordPage, schema: { querystring: nextQuery } }, async (request, reply) =>
    reply.viewAsync("staff/password.eta", { errors: {}, done: false, mustChange: signedIn(request).user.mustChangePassword, ...passwordView(safeNext(request.query.next)) }),
  );

  app.post("/password", { ...passwordPage, schema: { body: formBody } }, async (request, reply) => {
    const staff = signedIn(request);
    const { body } = request;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const change = { userId: staff.user.id, session: sessionSecret(request), current: text(body.current), password: text(body.password), repeat: text(body.repeat) };
    const next = safeNext(body.next);
    const result = await changePassword(app.db, change, app.clock.now());
    if (result.kind === "refused") {
      const html = await reply.viewAsync("staff/password.eta", { errors: result.errors, done: false, mustChange: staff.user.mustChangePassword, ...passwordView(next) });
      return reply.code(422).type("text/html; charset=utf-8").send(html);
    }
    // A one-time password replaced: on to the page the user was going to.
    if (staff.user.mustChangePassword) return reply.redirect(next, 303);
    return reply.viewAsync("staff/password.eta", { errors: {}, done: true, mustChange: false, ...passwordView(next) });
  });

  // Open before a one-time password is replaced too: the page asking for a new one should
  // be readable first.
  app.post("/language", { ...passwordPage, schema: { body: formBody } }, async (request, reply) => {
    await setStaffLocale(app.db, signedIn(request).user.id, request.body.locale);
    return reply.redirect(safeNext(request.body.next), 303);
  });
};

export default authRoutes;
