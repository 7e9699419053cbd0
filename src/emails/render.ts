// Turns an outbox row into the message to send: content in the booking's language,
// HTML and text parts, and a calendar file for confirmations, moves and cancellations.
import type { Eta } from "eta";
import type { Db } from "../db/client.ts";
import type { OutboxMessage } from "../generated/prisma/client.ts";
import { translator } from "../i18n/catalogue.ts";
import { manageUrl, shortManageUrl } from "../domain/booking/manage-link.ts";
import { isLocale } from "../i18n/locales.ts";
import { bookingCalendar, calendarUid } from "./calendar.ts";
import { emailContent, emailText, officeNameIn } from "./content.ts";
import type { Audience, MessageFacts, MessageKind } from "./message.ts";
import { outboxMessageId, type OutgoingMail } from "./transport.ts";
import { openOfferUrl } from "../domain/desk/offer-link.ts";

export interface RendererDeps {
  db: Db;
  eta: Eta;
  /** Opens a booking's sealed manage token, for the manage link (null when it cannot). */
  seal: { open(sealed: string): string | null };
  publicUrl: string;
  from: string;
}

export type RenderedMail = Omit<OutgoingMail, "date">;

export function fromAddress(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]!.trim() || "Spreekuur", email: m[2]! } : { name: "Spreekuur", email: from.trim() };
}

/** Renders a row; null when it can no longer be sent (its booking was erased, or a reminder's booking changed). */
export async function renderOutboxMessage(deps: RendererDeps, row: OutboxMessage, now: Date): Promise<RenderedMail | null> {
  if (!row.payload || !row.recipient) return null;
  const facts = JSON.parse(row.payload) as MessageFacts;
  if (row.kind === "offer") return renderOffer(deps, row, facts, now);
  const booking = row.bookingId
    ? await deps.db.booking.findUnique({
        where: { id: row.bookingId },
        select: { manageTokenSealed: true, contactViaReferrer: true, erasedAt: true, status: true, startsAt: true },
      })
    : null;
  if (!booking || booking.erasedAt) return null;
  // Cancelling or moving withdraws a waiting reminder, but not one a worker had already
  // claimed (and perhaps died with): it must not remind of a time that no longer holds.
  if (row.kind === "reminder" && (booking.status !== "BOOKED" || booking.startsAt.toISOString() !== facts.startsAt)) return null;
  const locale = isLocale(row.locale) ? row.locale : "nl";
  const token = booking.manageTokenSealed ? deps.seal.open(booking.manageTokenSealed) : null;
  const kind = row.kind as MessageKind;
  // A link sent again on request is only worth sending while the booking holds, and with the link.
  if (kind === "link" && (booking.status !== "BOOKED" || !token)) return null;
  const content = emailContent({
    kind,
    audience: row.audience as Audience,
    locale,
    facts,
    manageUrl: token ? (kind === "link" ? shortManageUrl(deps.publicUrl, token) : manageUrl(deps.publicUrl, locale, token)) : null,
    officeUrl: `${deps.publicUrl}/${locale}/offices/${facts.office.slug}`,
    contactViaReferrer: booking.contactViaReferrer,
  });
  const html = await deps.eta.renderAsync("emails/message", content);
  const mail: RenderedMail = {
    from: deps.from,
    to: row.recipient,
    subject: content.subject,
    text: emailText(content),
    html,
    messageId: outboxMessageId(row, deps.publicUrl),
  };
  if (kind !== "reminder" && kind !== "link") {
    const t = translator(locale);
    const method = kind === "cancellation" ? "CANCEL" : "REQUEST";
    mail.calendar = {
      method,
      content: bookingCalendar({
        method,
        uid: calendarUid(facts.code, deps.publicUrl),
        sequence: facts.sequence,
        startsAt: new Date(facts.startsAt),
        endsAt: new Date(facts.endsAt),
        zone: facts.office.timeZone,
        summary: t("calendar.summary", { office: officeNameIn(facts, locale) }),
        location: `${facts.office.street}, ${facts.office.postalCode} ${facts.office.city}`,
        description: content.facts.map(([label, value]) => `${label}: ${value}`).join("\n"),
        ...(method === "REQUEST" ? { alarm: t("calendar.alarm", { office: officeNameIn(facts, locale) }) } : {}),
        stamp: now,
        organizer: fromAddress(deps.from),
        attendee: row.recipient,
      }),
    };
  }
  return mail;
}

/** An offer of a freed place: sent only while the offer is open, with its link; no calendar file. */
async function renderOffer(deps: RendererDeps, row: OutboxMessage, facts: MessageFacts, now: Date): Promise<RenderedMail | null> {
  const link = facts.offer ? await openOfferUrl(deps.db, deps.seal, deps.publicUrl, facts.offer.id, now) : null;
  if (!link || !row.recipient) return null;
  const locale = isLocale(row.locale) ? row.locale : "nl";
  const content = emailContent({ kind: "offer", audience: "client", locale, facts, manageUrl: link, officeUrl: `${deps.publicUrl}/${locale}/offices/${facts.office.slug}`, contactViaReferrer: false });
  return { from: deps.from, to: row.recipient, subject: content.subject, text: emailText(content), html: await deps.eta.renderAsync("emails/message", content), messageId: outboxMessageId(row, deps.publicUrl) };
}
