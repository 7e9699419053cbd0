// One booking for staff: every field, what happened to it, the messages it caused, and
// the actions (cancel, move, outcome) that still apply.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { localDateOf, mondayOf } from "../../local-date.ts";
import { loadBookingHistory, type HistoryEntry, type MessageEntry } from "../../domain/audit/booking-history.ts";
import { isOrgType } from "../../domain/booking/org-types.ts";
import type { Booking, BookingChannel, BookingStatus, Office } from "../../generated/prisma/client.ts";
import { staffTranslator, type Translate } from "../../i18n/catalogue.ts";
import { formatBookingCode, formatter, type Formatter } from "../../i18n/format.ts";
import { isLocale, localeInfo } from "../../i18n/locales.ts";
import { channelKeys, languageName, officersOnly, orgTypeKeys, sendHtml, staffBooking, statusKeys } from "./bookings-view.ts";
import { reachView } from "./reach-view.ts";
import { signedIn } from "./session.ts";

// The id is text, so one that is not a number is the 404 page (staffBooking) rather than a 400.
const params = z.object({ id: z.string() });

/** Status messages after an action (the redirect carries which one). */
const doneKeys = {
  booked: "staff.bookings.done.booked",
  cancelled: "staff.bookings.done.cancelled",
  notCancellable: "staff.bookings.done.notCancellable",
  moved: "staff.bookings.done.moved",
  notMovable: "staff.bookings.done.notMovable",
  attended: "staff.bookings.done.attended",
  noShow: "staff.bookings.done.noShow",
  undone: "staff.bookings.done.undone",
  unchanged: "staff.bookings.done.unchanged",
  tooEarly: "staff.bookings.done.tooEarly",
  notStarted: "staff.bookings.done.notStarted",
} as const;
export type Done = keyof typeof doneKeys;
/** Results that did not change what was asked for are shown as a notice, not a success. */
const notDone = new Set<Done>(["notCancellable", "notMovable", "unchanged", "tooEarly", "notStarted"]);
const query = z.object({ done: z.enum(Object.keys(doneKeys) as [Done, ...Done[]]).optional().catch(undefined) });

const messageKindKeys: Record<string, string> = {
  confirmation: "staff.bookings.message.confirmation",
  cancellation: "staff.bookings.message.cancellation",
  moved: "staff.bookings.message.moved",
  reminder: "staff.bookings.message.reminder",
  link: "staff.bookings.message.link",
};
const audienceKeys: Record<string, string> = { client: "staff.bookings.message.toClient", caseworker: "staff.bookings.message.toCaseworker" };
const messageStatusKeys: Record<string, string> = {
  PENDING: "staff.bookings.message.pending",
  SENDING: "staff.bookings.message.sending",
  SENT: "staff.bookings.message.sent",
  FAILED: "staff.bookings.message.failed",
  WITHDRAWN: "staff.bookings.message.withdrawn",
};

export type StaffBooking = Booking & { office: Office };

/** What the staff member can still do to this booking now. */
export function bookingActions(booking: Booking, office: Office, now: Date) {
  const upcoming = booking.status === "BOOKED" && booking.startsAt > now;
  const dayCame = booking.status !== "CANCELLED" && localDateOf(booking.startsAt, office.timeZone) <= localDateOf(now, office.timeZone);
  return {
    cancel: upcoming,
    move: upcoming,
    attended: dayCame && booking.status !== "ATTENDED",
    // Nobody is a no-show before the appointment's time (see recordDeskAction).
    noShow: dayCame && booking.status !== "NO_SHOW" && booking.startsAt <= now,
    undo: dayCame && (booking.status === "ATTENDED" || booking.status === "NO_SHOW" || booking.checkedInAt !== null),
  };
}

function isoText(value: unknown, fmt: Formatter): string {
  const at = typeof value === "string" ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? fmt.slotLabel(at) : "?";
}

function historyLine(entry: HistoryEntry, t: Translate, fmt: Formatter) {
  const d = entry.detail;
  let what: string;
  switch (entry.action) {
    case "booking.created":
      what = t("staff.bookings.history.created", { channel: typeof d.channel === "string" && Object.hasOwn(channelKeys, d.channel) ? t(channelKeys[d.channel as BookingChannel]) : "?" });
      break;
    case "booking.cancelled":
      what = d.withReason ? t("staff.bookings.history.cancelledWithReason") : t("staff.bookings.history.cancelled");
      break;
    case "booking.moved":
      what = t("staff.bookings.history.moved", { from: isoText(d.from, fmt), to: isoText(d.to, fmt) });
      break;
    case "booking.check-in":
      what = t("staff.bookings.history.checkedIn");
      break;
    case "booking.attended":
      what = t("staff.bookings.history.attended");
      break;
    case "booking.no-show":
      what = t("staff.bookings.history.noShow");
      break;
    case "booking.link-sent":
      what = d.channel === "sms" ? t("staff.bookings.history.linkSentSms") : t("staff.bookings.history.linkSentEmail");
      break;
    case "booking.undo":
      what = t("staff.bookings.history.undone", { status: typeof d.status === "string" && Object.hasOwn(statusKeys, d.status) ? t(statusKeys[d.status as BookingStatus]) : "?" });
      break;
    default:
      what = t("staff.bookings.history.other", { action: entry.action });
  }
  const who =
    entry.actor.type === "staff"
      ? (entry.actor.name ?? t("staff.bookings.actor.formerStaff"))
      : entry.actor.type === "client"
        ? t("staff.bookings.actor.client")
        : entry.actor.type === "caseworker"
          ? t("staff.bookings.actor.caseworker")
          : t("staff.bookings.actor.system");
  return { at: `${fmt.dateShort(entry.at)} ${fmt.time(entry.at)}`, who, what };
}

function messageLine(message: MessageEntry, t: Translate, fmt: Formatter) {
  return {
    kind: Object.hasOwn(messageKindKeys, message.kind) ? t(messageKindKeys[message.kind]!) : message.kind,
    to: Object.hasOwn(audienceKeys, message.audience) ? t(audienceKeys[message.audience]!) : message.audience,
    status: Object.hasOwn(messageStatusKeys, message.status) ? t(messageStatusKeys[message.status]!) : message.status,
    created: `${fmt.dateShort(message.createdAt)} ${fmt.time(message.createdAt)}`,
    sent: message.sentAt ? `${fmt.dateShort(message.sentAt)} ${fmt.time(message.sentAt)}` : null,
  };
}

export interface DetailState {
  status?: number;
  done?: Done | undefined;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export async function renderBookingDetail(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, booking: StaffBooking, state: DetailState = {}) {
  const locale = signedIn(request).user.locale;
  const t = staffTranslator(locale);
  const fmt = formatter(locale, booking.office.timeZone);
  const now = app.clock.now();
  const { entries, messages } = await loadBookingHistory(app.db, booking.id);
  const when = (at: Date | null) => (at ? `${fmt.date(at)} ${fmt.time(at)}` : null);
  const html = await reply.viewAsync("staff/bookings/detail.eta", {
    booking,
    office: booking.office,
    code: formatBookingCode(booking.code),
    date: fmt.date(booking.startsAt),
    time: `${fmt.time(booking.startsAt)}–${fmt.time(booking.endsAt)}`,
    statusKey: statusKeys[booking.status],
    channelKey: channelKeys[booking.channel],
    language: languageName(booking.language, t),
    messageLanguage: isLocale(booking.locale) ? localeInfo[booking.locale].nativeName : booking.locale,
    orgTypeKey: isOrgType(booking.referrerOrgType) ? orgTypeKeys[booking.referrerOrgType] : null,
    times: { created: when(booking.createdAt), checkedIn: when(booking.checkedInAt), outcome: when(booking.outcomeAt), cancelled: when(booking.cancelledAt) },
    actions: bookingActions(booking, booking.office, now),
    history: entries.map((e) => historyLine(e, t, fmt)),
    messages: messages.map((m) => messageLine(m, t, fmt)),
    doneKey: state.done ? doneKeys[state.done] : null,
    doneOk: state.done ? !notDone.has(state.done) : false,
    // How the client hears of a cancellation or move: on the cancel form, and after either.
    reach: reachView(booking, t),
    reachDone: state.done === "cancelled" || state.done === "moved",
    weekOf: mondayOf(localDateOf(booking.startsAt, booking.office.timeZone)),
    errors: state.errors ?? {},
    values: state.values ?? {},
  });
  return sendHtml(reply.header("cache-control", "no-store"), state.status ?? 200, html);
}

const bookingsDetailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/bookings/:id", { ...officersOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const booking = await staffBooking(app, request, reply, request.params.id);
    if (!booking) return reply;
    return renderBookingDetail(app, request, reply, booking, { done: request.query.done });
  });
};

export default bookingsDetailRoutes;
