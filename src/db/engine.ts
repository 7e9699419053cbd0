// What differs between the two database engines, behind one typed interface. Everything
// else uses Prisma Client, which speaks both. Each engine implements this in its own
// small folder (sqlite/, postgres/); test/db/engines.test.ts runs the same scenarios
// through both and compares the rows.
import type { AuditEntry, Booking, ConsultationSeries, OutboxMessage, ScheduleException } from "../generated/prisma/client.ts";
import type { Tx } from "./client.ts";
import type { EngineName } from "./schema-source.ts";
import type { Table } from "./write-counter.ts";

/** The columns of a series that availability reads. */
export type SeriesRow = Pick<
  ConsultationSeries,
  "id" | "weekdays" | "intervalWeeks" | "startTime" | "endTime" | "slotMinutes" | "capacity" | "walkInPlaces" | "validFrom" | "validUntil" | "horizonDays" | "minNoticeMinutes"
>;
/** The columns of a schedule exception that availability reads. */
export type ExceptionRow = Pick<ScheduleException, "id" | "kind" | "seriesId" | "date" | "endDate" | "startTime" | "endTime" | "slotMinutes" | "capacity">;

/** What a booking's checks must read, inside the booking's transaction. */
export interface BookingQuery {
  officeId: number;
  startsAt: Date;
  /** The slot's local date in the office's zone, and that day's span in instants. */
  day: string;
  dayFrom: Date;
  dayTo: Date;
  manageTokenHash: string;
  /** Count the client's active future bookings by these keys; null when no limit applies. */
  contactKeys: { emailKey: string | null; phoneKey: string | null } | null;
  /** The booking code to give, if no booking has it yet. */
  code: string;
  now: Date;
}

export interface BookingFacts {
  /** The booking this form (manage token) made before, if any. */
  earlierId: number | null;
  series: SeriesRow[];
  exceptions: ExceptionRow[];
  /** Places held per slot start (epoch ms) on the day. */
  taken: Map<number, number>;
  /** Seats held in the slot itself. */
  heldSeats: Set<number>;
  contactCount: number;
  codeTaken: boolean;
}

/** A new Booking row: every column but the id, which the engine assigns. */
export type NewBookingRow = Omit<Booking, "id">;
export type NewOutboxRow = Omit<OutboxMessage, "id">;
export type NewAuditRow = Omit<AuditEntry, "id">;

export type BookingDecision<R> =
  /** Nothing is written; this is the answer. */
  | { kind: "answer"; answer: R }
  | {
      kind: "write";
      booking: NewBookingRow;
      /** The rows written with the booking, once its id is known. */
      rowsFor(booking: Booking): { messages: NewOutboxRow[]; audit: NewAuditRow };
      answer(booking: Booking): R;
    };

/** Counters for rate limits and the sign-in throttle, shared by every app server. */
export interface LimitStore {
  /** Counts one more hit on `key` in a fixed window; the count includes this hit. */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  /**
   * Reads and replaces the state under `key` with no other change to it in between, on
   * any server (`change` must be synchronous and free of side effects).
   */
  update<T>(key: string, now: Date, change: (state: LimitState | null) => { next: LimitState | null; result: T }): Promise<T>;
}

export interface LimitState {
  count: number;
  lastAt: Date;
}

export interface Engine {
  readonly name: EngineName;
  /** A number that changes whenever one of these tables is written, by any app server. */
  writeVersion(tables: readonly Table[]): number;
  /**
   * Resolves true once the engine hears every app server's writes (PostgreSQL listens for
   * them); false if it does not within a few seconds (until then nothing is cached).
   */
  ready(): Promise<boolean>;
  /** SQL statements this process has sent (for benchmarks). */
  statementCount(): number;
  /**
   * Makes one booking in one transaction: reads what its checks need, lets `decide`
   * choose, writes the booking with its messages and audit entry, and resolves once that
   * is committed. A unique index that refuses the write rejects (isUniqueViolation).
   */
  book<R>(query: BookingQuery, decide: (facts: BookingFacts) => BookingDecision<R>): Promise<R>;
  /**
   * Claims up to `limit` due outbox messages (pending and due, or claimed longer ago than
   * the lease) for `claimToken`; no message is ever held by two claims.
   */
  claimOutbox(input: { now: Date; leaseMs: number; limit: number; claimToken: string }): Promise<{ rows: OutboxMessage[]; more: boolean }>;
  /**
   * Inside a Prisma transaction about to change a booking from what it reads: waits for
   * any other change of that booking to finish, so the read is current.
   */
  lockBooking(tx: Tx, officeId: number, bookingId: number): Promise<void>;
  /**
   * Inside a Prisma transaction about to take a seat in a slot: waits for others taking a
   * seat there (and for a schedule change of the office) to finish.
   */
  lockSlot(tx: Tx, officeId: number, startsAt: Date): Promise<void>;
  /** Inside a schedule change's transaction: no seat is taken at the office meanwhile. */
  lockOfficeSchedule(tx: Tx, officeId: number): Promise<void>;
  /** After personal data was erased: make sure the old values are gone from the files too. */
  afterErase(): Promise<void>;
  readonly limits: LimitStore;
  close(): Promise<void>;
}
