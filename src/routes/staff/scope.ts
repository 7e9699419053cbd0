// Staff see only the offices they work for. Routes with an office in the path load it
// through here: an unknown office is a 404, someone else's office a 403.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { allOffices as readOffices } from "../../domain/offices/find-office.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { renderError } from "../../plugins/errors.ts";

function allOffices(app: FastifyInstance): Promise<Office[]> {
  return readOffices(app.db, app.clock.now());
}

export function inScope(request: FastifyRequest, officeId: number): boolean {
  return request.staff?.officeIds.includes(officeId) ?? false;
}

/**
 * The office named by a path parameter, when this staff member may see it. Otherwise
 * the error page has been sent and the result is null: `if (!office) return reply;`.
 */
export async function staffOffice(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, raw: unknown): Promise<Office | null> {
  const id = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const office = Number.isNaN(id) ? null : ((await allOffices(app)).find((o) => o.id === id) ?? null);
  if (!office) {
    await renderError(request, reply, 404);
    return null;
  }
  if (!inScope(request, office.id)) {
    await renderError(request, reply, 403);
    return null;
  }
  return office;
}

/** The offices this staff member works for, head office first. */
export async function staffOffices(app: FastifyInstance, request: FastifyRequest): Promise<Office[]> {
  const mine = new Set(request.staff?.officeIds ?? []);
  return (await allOffices(app)).filter((o) => mine.has(o.id));
}
