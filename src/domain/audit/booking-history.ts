// What happened to a booking: its audit entries (with who did it) and the messages the
// outbox sent or still holds for it. The audit detail holds no personal data, so it can
// be shown as it is.
import type { Db } from "../../db/client.ts";

export interface HistoryEntry {
  at: Date;
  action: string;
  actor: { type: "staff"; name: string | null } | { type: "client" } | { type: "caseworker" } | { type: "system" };
  detail: Record<string, unknown>;
}

export interface MessageEntry {
  kind: string;
  audience: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parseDetail(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

export async function loadBookingHistory(db: Db, bookingId: number): Promise<{ entries: HistoryEntry[]; messages: MessageEntry[] }> {
  const [audit, messages] = await Promise.all([
    db.auditEntry.findMany({ where: { entityType: "booking", entityId: bookingId }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.outboxMessage.findMany({
      where: { bookingId },
      select: { kind: true, audience: true, status: true, createdAt: true, sentAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const staffIds = [...new Set(audit.filter((a) => a.actorType === "staff" && a.actorId !== null).map((a) => a.actorId!))];
  const staff = staffIds.length ? await db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const entries = audit.map((a): HistoryEntry => {
    const actor: HistoryEntry["actor"] =
      a.actorType === "staff" ? { type: "staff", name: (a.actorId !== null && names.get(a.actorId)) || null } : a.actorType === "client" ? { type: "client" } : a.actorType === "caseworker" ? { type: "caseworker" } : { type: "system" };
    return { at: a.at, action: a.action, actor, detail: parseDetail(a.detail) };
  });
  return { entries, messages };
}
