// What the day list shows of the queue: the answer to the last scan, the waiting
// clients in call order with who has waited longest, the numbers called, and each
// booking's number. Read from the query the queue's forms redirect with (ids only).
import type { FastifyInstance } from "fastify";
import type { Office } from "../../generated/prisma/client.ts";
import { localDateOf } from "../../local-date.ts";
import { lastCallMark, loadQueue, type QueuedTicket } from "../../domain/queue/queue-state.ts";
import { ticketLabel } from "../../domain/queue/ticket-label.ts";
import type { Translate } from "../../i18n/catalogue.ts";
import type { Formatter } from "../../i18n/format.ts";
import { allOffices } from "../../domain/offices/find-office.ts";

export interface DeskQuery {
  scan?: unknown;
  booking?: unknown;
  call?: unknown;
  ticket?: unknown;
}

const scanKeys = {
  "checked-in": "staff.desk.scan.checkedIn",
  already: "staff.desk.scan.already",
  seen: "staff.desk.scan.seen",
  absent: "staff.desk.scan.absent",
  "other-day": "staff.desk.scan.otherDay",
  cancelled: "staff.desk.scan.cancelled",
  "other-office": "staff.desk.scan.otherOffice",
  unknown: "staff.desk.scan.unknown",
  empty: "staff.desk.scan.empty",
  link: "staff.desk.scan.link",
} as const;

const callKeys = {
  called: "staff.desk.call.called",
  recalled: "staff.desk.call.recalled",
  stale: "staff.desk.call.stale",
  nobody: "staff.desk.call.nobody",
  desk: "staff.desk.call.deskInvalid",
} as const;

const idOf = (raw: unknown) => (typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null);
const has = <K extends string>(keys: Record<K, string>, raw: unknown): raw is K => typeof raw === "string" && Object.hasOwn(keys, raw);

export async function deskView(app: FastifyInstance, office: Office, user: { id: number }, query: DeskQuery, t: Translate, fmt: Formatter, now: Date) {
  const today = localDateOf(now, office.timeZone);
  const queue = await loadQueue(app.db, office.id, today, now);
  const label = (ticket: { number: number }) => ticketLabel(office, ticket.number);
  const minutes = (since: Date) => Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  const longest = queue.waiting.reduce<QueuedTicket | null>((a, b) => (!a || b.booking.checkedInAt! < a.booking.checkedInAt! ? b : a), null);
  const person = (ticket: QueuedTicket) => ({
    id: ticket.id,
    number: label(ticket),
    name: ticket.booking.name ?? "–",
    appointment: ticket.booking.channel === "WALK_IN" ? t("staff.desk.walkIn") : fmt.time(ticket.booking.startsAt),
    arrived: fmt.time(ticket.booking.checkedInAt ?? ticket.createdAt),
    waited: t("staff.desk.waited", { count: minutes(ticket.booking.checkedInAt ?? ticket.createdAt) }),
  });
  return {
    scan: await scanMessage(app, office, query, t, fmt, label),
    call: callMessage(queue.called, query, t, label),
    queue: {
      seen: lastCallMark(queue.called),
      desk: queue.called.find((c) => c.calledBy === user.id)?.calledTo ?? "",
      waiting: queue.waiting.map((w) => ({ ...person(w), longest: w === longest })),
      longest: longest ? person(longest) : null,
      called: queue.called.slice(0, 5).map((c) => ({ ...person(c), to: c.calledTo ?? "", calledAt: fmt.time(c.calledAt!), calls: c.calls })),
    },
  };
}

/** Each booking's ticket on the day, for the rows of the list: number and ticket page. */
export async function ticketsOfDay(app: FastifyInstance, office: Office, bookingIds: number[]) {
  const tickets = bookingIds.length === 0 ? [] : await app.db.queueTicket.findMany({ where: { officeId: office.id, bookingId: { in: bookingIds } } });
  return new Map(tickets.map((ticket) => [ticket.bookingId, { id: ticket.id, number: ticketLabel(office, ticket.number) }]));
}

async function scanMessage(app: FastifyInstance, office: Office, query: DeskQuery, t: Translate, fmt: Formatter, label: (ticket: { number: number }) => string) {
  if (!has(scanKeys, query.scan)) return null;
  const kind = query.scan;
  const ok = kind === "checked-in" || kind === "already";
  if (kind === "unknown" || kind === "empty" || kind === "link") return { ok, kind, text: t(scanKeys[kind]), ticket: null };
  const bookingId = idOf(query.booking);
  const booking = bookingId === null ? null : await app.db.booking.findUnique({ where: { id: bookingId }, include: { ticket: true } });
  if (!booking) return null;
  const facts = { date: fmt.date(booking.startsAt), time: fmt.time(booking.startsAt) };
  if (kind === "other-office") {
    // Only where and when: the client of another office is not this desk's to see.
    const other = (await allOffices(app.db, app.clock.now())).find((o) => o.id === booking.officeId);
    return booking.officeId === office.id ? null : { ok, kind, text: t(scanKeys[kind], { office: other?.name ?? "?", date: facts.date }), ticket: null };
  }
  if (booking.officeId !== office.id) return null;
  const ticket = booking.ticket ? { id: booking.ticket.id, number: label(booking.ticket) } : null;
  const text = t(scanKeys[kind], {
    ...facts,
    name: booking.name ?? "–",
    number: ticket?.number ?? "–",
    arrived: booking.checkedInAt ? fmt.time(booking.checkedInAt) : "–",
  });
  return { ok, kind, text, ticket };
}

function callMessage(called: QueuedTicket[], query: DeskQuery, t: Translate, label: (ticket: { number: number }) => string) {
  if (!has(callKeys, query.call)) return null;
  const kind = query.call;
  const ticketId = idOf(query.ticket);
  const ticket = called.find((c) => c.id === ticketId);
  if ((kind === "called" || kind === "recalled") && !ticket) return null;
  const params: Record<string, string> = ticket ? { number: label(ticket), name: ticket.booking.name ?? "–", to: ticket.calledTo ?? "" } : {};
  return { ok: kind === "called" || kind === "recalled", text: kind === "stale" && !ticket ? t("staff.desk.call.staleNone") : t(callKeys[kind], params) };
}
