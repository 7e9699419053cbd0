// One error handler and one not-found handler. Every failure becomes a page in the
// visitor's language; 4xx pages say what went wrong, 5xx pages never show internals
// (those go to the log with the request id).
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { isDatabaseUnavailable } from "../db/errors.ts";
import { headOffice, lastKnownHeadOffice, type OfficeWithTexts } from "../domain/offices/find-office.ts";
import { localeFromPath, preferredLocale, useLocale } from "./locale.ts";
import { useStaffLocale } from "./staff-locale.ts";

const messageKeys: Record<number, string> = {
  400: "error.badRequest",
  403: "error.forbidden",
  404: "error.notFound",
  405: "error.badRequest",
  406: "error.badRequest",
  409: "error.conflict",
  413: "error.tooLarge",
  414: "error.tooLarge",
  415: "error.badRequest",
  429: "error.tooMany",
  431: "error.tooLarge",
  503: "error.busy",
};

/**
 * Whom an error page tells the visitor to call: the head office. When the server is
 * overloaded or the database is out of reach (503) it is the copy read last, if any; a
 * failed read leaves the page without it rather than failing the error page.
 */
async function officeToCall(request: FastifyRequest, status: number): Promise<OfficeWithTexts | null> {
  const { db, clock } = request.server;
  if (status !== 503) {
    try {
      return await headOffice(db, clock.now());
    } catch {
      // Fall through to the last copy.
    }
  }
  return lastKnownHeadOffice(db);
}

export async function renderError(request: FastifyRequest, reply: FastifyReply, status: number) {
  const staffPage = request.url === "/staff" || request.url.startsWith("/staff/");
  if (staffPage) {
    useStaffLocale(request, reply);
  } else {
    const locale = request.locale ?? localeFromPath(request.url) ?? preferredLocale(request, request.server.config.defaultLocale);
    useLocale(request, reply, locale, "/");
  }
  const key = messageKeys[status] ?? (status >= 500 ? "error.server" : "error.badRequest");
  const contactOffice = staffPage ? null : await officeToCall(request, status);
  const html = await reply.viewAsync(staffPage ? "staff/error.eta" : "errors/error.eta", { status, messageKey: key, contactOffice });
  return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
}

export default fp(
  async (app) => {
    app.setNotFoundHandler(async (request, reply) => renderError(request, reply, 404));

    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (isDatabaseUnavailable(error)) {
        // The database is restarting or out of reach: try again in a moment.
        request.log.warn({ code: (error as { code?: string }).code }, "database unavailable: answered 503");
        reply.header("retry-after", "5");
        return renderError(request, reply, 503);
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, "request failed");
      else request.log.info({ statusCode: status, code: error.code }, "request rejected");
      try {
        return await renderError(request, reply, status);
      } catch (renderFailure) {
        request.log.error({ err: renderFailure }, "error page failed");
        return reply.code(status).type("text/plain; charset=utf-8").send(status >= 500 ? "Error" : "Bad request");
      }
    });
  },
  { name: "errors", dependencies: ["core", "view", "locale"] },
);
