// Who a client can call or write to about an office: its phone, email and desk hours, in
// the reader's language. Shown on the office page, the confirmation and the appointment
// card, the error pages and in every message.
import { formatter } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { groupedDeskHours, parseDeskHours } from "./desk-hours.ts";

export interface ContactFields {
  phone: string | null;
  email: string | null;
  deskHours: string | null;
  timeZone: string;
}

export interface OfficeContact {
  phone: string | null;
  /** tel: link in international form, so it dials from a foreign SIM too. */
  phoneHref: string | null;
  email: string | null;
  /** "maandag–vrijdag" and "09:00–17:00", one entry per run of days with the same hours. */
  hours: Array<{ days: string; times: string }>;
}

/** "070 318 15 00" → "tel:+31703181500"; null when it holds too few digits to dial. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, "");
  let international: string;
  if (digits.startsWith("+")) international = `+${digits.slice(1).replace(/\+/g, "")}`;
  else if (digits.startsWith("00")) international = `+${digits.slice(2)}`;
  else if (digits.startsWith("0")) international = `+31${digits.slice(1)}`;
  else return null;
  return /^\+\d{8,15}$/.test(international) ? `tel:${international}` : null;
}

export function officeContact(office: ContactFields, locale: Locale): OfficeContact {
  const fmt = formatter(locale, office.timeZone);
  return {
    phone: office.phone,
    phoneHref: office.phone ? telHref(office.phone) : null,
    email: office.email,
    hours: groupedDeskHours(parseDeskHours(office.deskHours)).map((g) => ({
      days: g.from === g.to ? fmt.weekday(g.from) : `${fmt.weekday(g.from)}–${fmt.weekday(g.to)}`,
      times: `${g.opens}–${g.closes}`,
    })),
  };
}

/** Whether there is anything to show. */
export function hasContact(contact: OfficeContact): boolean {
  return Boolean(contact.phone || contact.email || contact.hours.length);
}
