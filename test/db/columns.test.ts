// The plain-SQL booking write names its columns (src/db/columns.ts). A column added to
// prisma/schema.prisma but not there would be left at its default by that write, or the
// write would fail at run time: this test fails first.
import t from "tap";
import { auditColumns, bookingColumns, exceptionRuleColumns, outboxColumns, seriesRuleColumns } from "../../src/db/columns.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import type { SeriesRule, ExceptionRule } from "../../src/domain/availability/sessions.ts";

const allBut = (fields: Record<string, string>, ...left: string[]) => Object.values(fields).filter((f) => !left.includes(f)).sort();

t.test("the booking write covers every column of the tables it writes", async (t) => {
  t.same([...bookingColumns].sort(), allBut(Prisma.BookingScalarFieldEnum, "id"), "Booking");
  t.same([...outboxColumns].sort(), allBut(Prisma.OutboxMessageScalarFieldEnum, "id"), "OutboxMessage");
  t.same([...auditColumns].sort(), allBut(Prisma.AuditEntryScalarFieldEnum, "id"), "AuditEntry");
});

t.test("the rule reads take every field the availability rules use", async (t) => {
  // Every key of the domain's rule types, written out: a field added to SeriesRule or
  // ExceptionRule must be read by the plain SQL too.
  const series: Record<keyof SeriesRule, true> = { id: true, weekdays: true, intervalWeeks: true, startTime: true, endTime: true, slotMinutes: true, capacity: true, walkInPlaces: true, validFrom: true, validUntil: true, horizonDays: true, minNoticeMinutes: true };
  const exception: Record<keyof ExceptionRule, true> = { id: true, kind: true, seriesId: true, date: true, endDate: true, startTime: true, endTime: true, slotMinutes: true, capacity: true };
  t.same([...seriesRuleColumns].sort(), Object.keys(series).sort());
  t.same([...exceptionRuleColumns].sort(), Object.keys(exception).sort());
  for (const column of seriesRuleColumns) t.ok(column in Prisma.ConsultationSeriesScalarFieldEnum, `ConsultationSeries.${column} exists`);
  for (const column of exceptionRuleColumns) t.ok(column in Prisma.ScheduleExceptionScalarFieldEnum, `ScheduleException.${column} exists`);
});
