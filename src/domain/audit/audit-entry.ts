// The audit log: who did what to which record, and when. Details are ids, statuses,
// times and reason categories — never names, contact details or free text from clients.
import type { Tx } from "../../db/client.ts";

export interface Actor {
  type: "staff" | "client" | "caseworker" | "system";
  id?: number;
}

export interface AuditInput {
  actor: Actor;
  action: string;
  entityType: "booking" | "series" | "exception" | "user" | "office" | "outbox" | "waiting" | "ticket";
  entityId: number;
  officeId?: number | null;
  detail?: Record<string, string | number | boolean | null>;
}

/** The AuditEntry row for an entry, as Prisma's create data. */
export function auditRow(entry: AuditInput, now: Date) {
  return {
    at: now,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    officeId: entry.officeId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}

export function recordAudit(db: Tx, entry: AuditInput, now: Date) {
  return db.auditEntry.create({ data: auditRow(entry, now) });
}
