// The columns the plain-SQL booking write reads and writes, for both engines. Written out
// rather than derived so the SQL is plain to read; test/db/columns.test.ts fails when a
// model in prisma/schema.prisma gains a column that is missing here.
import type { ExceptionRow, NewAuditRow, NewBookingRow, NewOutboxRow, SeriesRow } from "./engine.ts";

export const seriesRuleColumns = [
  "id",
  "weekdays",
  "intervalWeeks",
  "startTime",
  "endTime",
  "slotMinutes",
  "capacity",
  "walkInPlaces",
  "validFrom",
  "validUntil",
  "horizonDays",
  "minNoticeMinutes",
] as const satisfies ReadonlyArray<keyof SeriesRow>;

export const exceptionRuleColumns = ["id", "kind", "seriesId", "date", "endDate", "startTime", "endTime", "slotMinutes", "capacity"] as const satisfies ReadonlyArray<keyof ExceptionRow>;

/** Every Booking column but the id. */
export const bookingColumns = [
  "code",
  "manageTokenHash",
  "manageTokenSealed",
  "officeId",
  "seriesId",
  "startsAt",
  "endsAt",
  "seat",
  "status",
  "channel",
  "locale",
  "language",
  "interpreterNeeded",
  "name",
  "searchName",
  "phone",
  "email",
  "note",
  "emailKey",
  "phoneKey",
  "referrerOrgType",
  "referrerOrgName",
  "referrerName",
  "referrerEmail",
  "referrerLocale",
  "contactViaReferrer",
  "smsConsent",
  "sequence",
  "cancelledAt",
  "cancelledBy",
  "cancelReason",
  "checkedInAt",
  "outcomeAt",
  "erasedAt",
  "createdAt",
] as const satisfies ReadonlyArray<keyof NewBookingRow>;

/** Every OutboxMessage column but the id. */
export const outboxColumns = [
  "bookingId",
  "offerId",
  "kind",
  "audience",
  "channel",
  "recipient",
  "locale",
  "payload",
  "status",
  "dueAt",
  "nextAttemptAt",
  "attempts",
  "claimToken",
  "claimedAt",
  "lastError",
  "sentAt",
  "providerMessageId",
  "deliveryStatus",
  "deliveryReportedAt",
  "erasedAt",
  "createdAt",
] as const satisfies ReadonlyArray<keyof NewOutboxRow>;

/** Every AuditEntry column but the id. */
export const auditColumns = ["at", "actorType", "actorId", "action", "entityType", "entityId", "officeId", "detail"] as const satisfies ReadonlyArray<keyof NewAuditRow>;

// A column added to the schema but not to a list above fails the type check here.
type Covers<Row, Columns extends readonly PropertyKey[]> = Exclude<keyof Row, Columns[number]> extends never ? true : false;
export const columnListsAreComplete: [
  Covers<SeriesRow, typeof seriesRuleColumns>,
  Covers<ExceptionRow, typeof exceptionRuleColumns>,
  Covers<NewBookingRow, typeof bookingColumns>,
  Covers<NewOutboxRow, typeof outboxColumns>,
  Covers<NewAuditRow, typeof auditColumns>,
] = [true, true, true, true, true];
