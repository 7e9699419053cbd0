// The page language: from the path (/nl/…, /en/…); a visitor's explicit choice is kept
// in a cookie and wins over the browser's Accept-Language when they arrive at "/".
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { translator } from "../i18n/catalogue.ts";
import { formatter } from "../i18n/format.ts";
import { isLocale, localeInfo, locales, negotiateLocale, type Locale } from "../i18n/locales.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The page language; set for every public page (routes/public/index.ts), else null. */
    locale: Locale | null;
  }
}

/**
 * The language of a public page. The public scope's onRequest hook sets it before any
 * handler runs (an unknown language is a 404 there), so a request without one is a bug:
 * a route outside that scope asking for it.
 */
export function pageLocale(request: FastifyRequest): Locale {
  if (!request.locale) throw new Error(`no page language on ${request.routeOptions.url ?? "(no route)"}: a public page outside the /:lang scope?`);
  return request.locale;
}

const cookieName = "lang";
export const defaultZone = "Europe/Amsterdam";

/** The same path (and query) in another language: /nl/offices/zwolle → /en/offices/zwolle. */
export function pathInLocale(path: string, locale: Locale): string {
  const [, first = "", ...rest] = path.split("/");
  return isLocale(first) ? `/${[locale, ...rest].join("/")}` : `/${locale}/`;
}

export function localeFromPath(url: string): Locale | null {
  const first = url.split(/[/?#]/)[1];
  return isLocale(first) ? first : null;
}

function isLocalPath(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f]/.test(value);
}

export function preferredLocale(request: FastifyRequest, fallback: Locale): Locale {
  const chosen = request.cookies[cookieName];
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(request.headers["accept-language"], fallback);
}

/**
 * Sets the request's language and what every template needs for it. The language
 * switcher leads to the same page in another language, or to `switchTo` (error pages
 * send people to the start page rather than to the same dead end).
 */
export function useLocale(request: FastifyRequest, reply: FastifyReply, locale: Locale, switchTo?: string): void {
  request.locale = locale;
  reply.locals = { ...reply.locals, ...pageLocals(locale, switchTo ?? request.url) };
}

const localsCache = new Map<string, Record<string, unknown>>();

/**
 * What every public template needs for a language, on a page at `path`. The same for
 * every request to that path, so it is made once (the language switcher's fifteen links
 * are not free).
 */
export function pageLocals(locale: Locale, path: string): Record<string, unknown> {
  const key = `${locale} ${path}`;
  let locals = localsCache.get(key);
  if (!locals) {
    locals = makePageLocals(locale, path);
    if (localsCache.size >= 2000) localsCache.clear();
    localsCache.set(key, locals);
  }
  return locals;
}

function makePageLocals(locale: Locale, path: string): Record<string, unknown> {
  return {
    locale,
    dir: localeInfo[locale].dir,
    t: translator(locale),
    fmt: formatter(locale, defaultZone),
    languages: locales.map((code) => ({
      code,
      name: localeInfo[code].nativeName,
      current: code === locale,
      href: `/language/${code}?next=${encodeURIComponent(pathInLocale(path, code))}`,
    })),
  };
}

/** Keeps a language the visitor chose, for their next visit to "/". */
export function rememberLocale(reply: FastifyReply, locale: Locale, publicUrl: string): void {
  reply.setCookie(cookieName, locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "lax",
    httpOnly: true,
    secure: publicUrl.startsWith("https://"),
  });
}

export default fp(
  async (app) => {
    app.decorateRequest("locale", null);

    app.get("/", async (request, reply) => {
      return reply.redirect(`/${preferredLocale(request, app.config.defaultLocale)}/`, 302);
    });

    app.get<{ Params: { code: string }; Querystring: { next?: unknown } }>("/language/:code", async (request, reply) => {
      const { code } = request.params;
      if (!isLocale(code)) return reply.callNotFound();
      const next = request.query.next;
      rememberLocale(reply, code, app.config.publicUrl);
      return reply.redirect(isLocalPath(next) ? pathInLocale(next, code) : `/${code}/`, 303);
    });
  },
  { name: "locale", dependencies: ["core"] },
);
