// The text message of an outbox row: a catalogue text `sms.<kind>` in the client's
// language, with the booking code, the date and time, the office and the short manage
// link. Any kind with such a key can be sent; a kind without one fails to render.
import type { Db } from "../db/client.ts";
import type { OutboxMessage } from "../generated/prisma/client.ts";
import { shortManageUrl } from "../domain/booking/manage-link.ts";
import { formatBookingCode, formatter } from "../i18n/format.ts";
import { readCatalogue } from "../i18n/catalogue.ts";
import { isLocale, type Locale } from "../i18n/locales.ts";
import { interpolate } from "../i18n/catalogue.ts";
import type { MessageFacts } from "../emails/message.ts";
import { foldForSms } from "./segments.ts";
import { openOfferUrl } from "../domain/desk/offer-link.ts";

export interface RenderedText {
  channel: "sms";
  /** E.164 phone number. */
  to: string;
  text: string;
}

/** The catalogue text of an SMS kind in a language, or null when there is none. */
export function smsTemplate(locale: Locale, kind: string): string | null {
  const message = readCatalogueCached(locale)[`sms.${kind}`];
  return typeof message === "string" ? message : null;
}

const catalogues = new Map<Locale, Record<string, unknown>>();
function readCatalogueCached(locale: Locale): Record<string, unknown> {
  let messages = catalogues.get(locale);
  if (!messages) {
    messages = readCatalogue(locale).messages;
    catalogues.set(locale, messages);
  }
  return messages;
}

/** The text itself, from the facts of the change and the link (null: the link is left out). */
export function smsText(input: { kind: string; locale: Locale; facts: MessageFacts; link: string | null }): string {
  const template = smsTemplate(input.locale, input.kind);
  if (!template) throw new Error(`no text message for kind ${input.kind}`);
  const format = formatter(input.locale, input.facts.office.timeZone);
  const startsAt = new Date(input.facts.startsAt);
  const text = interpolate(template, {
    code: formatBookingCode(input.facts.code),
    date: format.dateShort(startsAt),
    time: format.time(startsAt),
    office: input.facts.office.name,
    link: input.link ?? "",
    until: input.facts.offer ? format.time(new Date(input.facts.offer.until)) : "",
  });
  return foldForSms(text.replace(/\s+/g, " ").trim());
}

export interface SmsRendererDeps {
  db: Db;
  seal: { open(sealed: string): string | null };
  publicUrl: string;
}

/** Renders a row; null when it can no longer be sent (booking erased, reminder out of date). */
export async function renderTextMessage(deps: SmsRendererDeps, row: OutboxMessage, now: Date): Promise<RenderedText | null> {
  if (!row.payload || !row.recipient) return null;
  const facts = JSON.parse(row.payload) as MessageFacts;
  if (row.kind === "offer") {
    // An offer of a freed place goes out only while it is open, with its own link.
    const link = facts.offer ? await openOfferUrl(deps.db, deps.seal, deps.publicUrl, facts.offer.id, now) : null;
    return link ? { channel: "sms", to: row.recipient, text: smsText({ kind: "offer", locale: isLocale(row.locale) ? row.locale : "nl", facts, link }) } : null;
  }
  const booking = row.bookingId
    ? await deps.db.booking.findUnique({ where: { id: row.bookingId }, select: { manageTokenSealed: true, erasedAt: true, status: true, startsAt: true } })
    : null;
  if (!booking || booking.erasedAt) return null;
  if (row.kind === "reminder" && (booking.status !== "BOOKED" || booking.startsAt.toISOString() !== facts.startsAt)) return null;
  const locale = isLocale(row.locale) ? row.locale : "nl";
  const token = booking.manageTokenSealed ? deps.seal.open(booking.manageTokenSealed) : null;
  return { channel: "sms", to: row.recipient, text: smsText({ kind: row.kind, locale, facts, link: token ? shortManageUrl(deps.publicUrl, token) : null }) };
}
