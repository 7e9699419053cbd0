// Stores a schedule change and its audit entry, inside the caller's transaction. The
// audit detail holds the schedule facts and counts, never names or the free-text reason.
import type { Tx } from "../../db/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { replacedChange, type ScheduleChange } from "./changes.ts";
import type { ExceptionDraft } from "./exception-form.ts";
import type { SeriesDraft } from "./series-form.ts";

export interface ChangeCounts {
  affected: number;
  cancelled: number;
  moved: number;
}

export interface Written {
  entityType: "series" | "exception";
  entityId: number;
}

function seriesData(series: SeriesDraft) {
  return { ...series, weekdays: series.weekdays.join(",") };
}

function exceptionDetail(e: { kind: string; seriesId: number | null; date: string; endDate: string | null; startTime: string | null; endTime: string | null; slotMinutes: number | null; capacity: number | null; reason: string | null }) {
  return { kind: e.kind, seriesId: e.seriesId, date: e.date, endDate: e.endDate, startTime: e.startTime, endTime: e.endTime, slotMinutes: e.slotMinutes, capacity: e.capacity, withReason: Boolean(e.reason) };
}

export async function writeChange(
  tx: Tx,
  input: { actor: Actor; officeId: number; change: ScheduleChange; counts: ChangeCounts },
  now: Date,
): Promise<Written> {
  const { actor, officeId, change, counts } = input;
  const audit = (action: string, written: Written, detail: Record<string, string | number | boolean | null>) =>
    recordAudit(tx, { actor, action, entityType: written.entityType, entityId: written.entityId, officeId, detail: { ...detail, ...counts } }, now).then(() => written);

  switch (change.type) {
    case "series.create": {
      const row = await tx.consultationSeries.create({ data: { ...seriesData(change.series), officeId, createdAt: now } });
      return audit("series.created", { entityType: "series", entityId: row.id }, seriesData(change.series));
    }
    case "series.update": {
      await tx.consultationSeries.update({ where: { id: change.seriesId, officeId }, data: seriesData(change.series) });
      return audit("series.updated", { entityType: "series", entityId: change.seriesId }, seriesData(change.series));
    }
    case "series.end": {
      await tx.consultationSeries.update({ where: { id: change.seriesId, officeId }, data: { validUntil: change.lastDate, endedAt: now } });
      return audit("series.ended", { entityType: "series", entityId: change.seriesId }, { validUntil: change.lastDate });
    }
    case "exception.create": {
      const draft: ExceptionDraft = change.exception;
      const existing = await tx.scheduleException.findMany({ where: { officeId, date: draft.date, kind: "CHANGE" } });
      const replaced = replacedChange(existing, draft);
      if (replaced) await tx.scheduleException.delete({ where: { id: replaced.id } });
      const row = await tx.scheduleException.create({ data: { ...draft, officeId, createdAt: now } });
      return audit("exception.created", { entityType: "exception", entityId: row.id }, { ...exceptionDetail(draft), replaced: replaced?.id ?? null });
    }
    case "exception.remove": {
      const row = await tx.scheduleException.delete({ where: { id: change.exceptionId, officeId } });
      return audit("exception.removed", { entityType: "exception", entityId: row.id }, exceptionDetail(row));
    }
  }
}
