// Counts writes per table, so a read cache can tell whether what it keeps is still true.
// A cache notes the counts of the tables it read when it reads, and trusts its copy only
// while they are unchanged. Every write of this process is counted when it commits; on
// PostgreSQL the writes of other app servers are counted as their announcements arrive
// (see postgres/changes.ts). A write whose table cannot be told counts for every table.

/** Table names as in prisma/schema.prisma. */
export type Table =
  | "Office"
  | "OfficeText"
  | "ConsultationSeries"
  | "ScheduleException"
  | "Booking"
  | "OutboxMessage"
  | "StaffUser"
  | "StaffUserOffice"
  | "StaffSession"
  | "AuditEntry"
  | "WaitingListEntry"
  | "WaitingOffer"
  | "ScheduledJob"
  | "LimitCounter"
  | "QueueTicket"
  | "QueueCounter"
  | "CallingScreen";

export class WriteCounter {
  #tables = new Map<string, number>();
  #any = 0;
  /** Every statement sent, reads included (for measurements). */
  statements = 0;

  wrote(table: string | null): void {
    if (table === null) this.#any++;
    else this.#tables.set(table, (this.#tables.get(table) ?? 0) + 1);
  }

  /** A number that changes whenever one of these tables is written. */
  versionOf(tables: readonly string[]): number {
    let sum = this.#any;
    for (const table of tables) sum += this.#tables.get(table) ?? 0;
    return sum;
  }
}

const readOnly = /^\s*(SELECT|PRAGMA|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|WITH\b(?![\s\S]*\b(INSERT|UPDATE|DELETE)\b))/i;
// SQLite names a table Booking or "main"."Booking", PostgreSQL "public"."Booking".
const written = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+(?:[`"]?(?:main|public)[`"]?\.)?[`"]?(\w+)[`"]?/i;

/** The table a statement writes, "" for a read, null when it cannot be told. */
export function tableWritten(sql: string): string | null {
  if (readOnly.test(sql)) return "";
  return written.exec(sql)?.[1] ?? null;
}
