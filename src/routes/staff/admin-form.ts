// Small helpers shared by the administration pages: ids from the path, repeated form
// values, and sending a page with a status.
import type { FastifyReply } from "fastify";

/** A positive id from a path parameter, or null (the caller answers 404). */
export function parseId(raw: unknown): number | null {
  return typeof raw === "string" && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

/** A form value that may come once or several times (checkboxes), as a list. */
export function many(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export async function sendPage(reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
  const html = await reply.viewAsync(template, data);
  return reply.code(status).type("text/html; charset=utf-8").send(html);
}

/** Message keys for the roles, named literally (the catalogue test looks for each key). */
export const roleKeys = {
  ADMIN: "staff.admin.role.admin",
  OFFICER: "staff.admin.role.officer",
  RECEPTION: "staff.admin.role.reception",
} as const;

/**
 * The notice a page shows for its `?done=` value (after a redirect from a form), or null.
 * Only the page's own keys count: `?done=constructor` must not find Object's.
 */
export function doneNotice(keys: Readonly<Record<string, string>>, done: unknown): string | null {
  return typeof done === "string" && Object.hasOwn(keys, done) ? (keys[done] ?? null) : null;
}
