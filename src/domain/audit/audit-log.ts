// Reading the audit log for the administrators' page: newest first, a page at a time,
// with the acting staff member's name and the office's name looked up. The log itself
// holds no personal data, and nothing here joins any in (no booking names).
import type { Db } from "../../db/client.ts";
import type { AuditInput } from "./audit-entry.ts";

export const AUDIT_PAGE_SIZE = 50;

export const auditEntityTypes = ["booking", "series", "exception", "user", "office", "outbox", "waiting", "ticket"] as const satisfies ReadonlyArray<AuditInput["entityType"]>;

export interface AuditFilter {
  entityType: (typeof auditEntityTypes)[number] | null;
  /** Inclusive start and exclusive end, as instants. */
  from: Date | null;
  until: Date | null;
  page: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number;
  officeName: string | null;
  detail: Array<[string, string]>;
}

function detailOf(raw: string | null): Array<[string, string]> {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.entries(parsed).map(([key, value]) => [key, value === null ? "–" : String(value)]);
    }
  } catch {
    // Shown as stored.
  }
  return [["", raw]];
}

export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number; pages: number }> {
  const where = {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.from || filter.until ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
  };
  const [total, entries] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  const actorIds = [...new Set(entries.filter((e) => e.actorType === "staff" && e.actorId !== null).map((e) => e.actorId!))];
  const officeIds = [...new Set(entries.filter((e) => e.officeId !== null).map((e) => e.officeId!))];
  const [actors, offices] = await Promise.all([
    actorIds.length ? db.staffUser.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
    officeIds.length ? db.office.findMany({ where: { id: { in: officeIds } }, select: { id: true, name: true } }) : [],
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const officeName = new Map(offices.map((o) => [o.id, o.name]));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    rows: entries.map((e) => ({
      id: e.id,
      at: e.at,
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorId !== null ? (actorName.get(e.actorId) ?? null) : null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      officeName: e.officeId !== null ? (officeName.get(e.officeId) ?? null) : null,
      detail: detailOf(e.detail),
    })),
  };
}
