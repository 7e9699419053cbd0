// What the pages behind a manage link share: opening the link, and the booking as the
// pages show it (in the client's language, with the key facts again in Dutch).
import type { FastifyInstance } from "fastify";
import { findBookingByToken } from "../../domain/booking/find-booking.ts";
import { manageUrl, shortManageUrl } from "../../domain/booking/manage-link.ts";
import { translator } from "../../i18n/catalogue.ts";
import { formatBookingCode, formatter } from "../../i18n/format.ts";
import { isLocale, localeInfo, type Locale } from "../../i18n/locales.ts";
import { code128 } from "../../domain/booking/code-barcode.ts";
import { webCalendarLinks } from "./calendar-links.ts";

export type ManagedBooking = NonNullable<Awaited<ReturnType<typeof findBookingByToken>>>;

/** The booking a manage link opens, or null for every token that opens nothing (erased ones too). */
export async function openManageLink(app: FastifyInstance, token: string): Promise<{ booking: ManagedBooking; token: string } | null> {
  const booking = await findBookingByToken(app.db, token);
  return booking && !booking.erasedAt ? { booking, token } : null;
}

/** Where the office is, as a calendar's location line. */
export function officeLocation(office: { street: string; postalCode: string; city: string }): string {
  return `${office.street}, ${office.postalCode} ${office.city}`;
}

export function manageView(app: FastifyInstance, locale: Locale, booking: ManagedBooking, token: string) {
  const fmt = formatter(locale, booking.office.timeZone);
  const dutch = formatter("nl", booking.office.timeZone);
  return {
    booking,
    // The appointment card repeats the key facts in Dutch for the desk.
    dutch:
      locale === "nl"
        ? null
        : { t: translator("nl"), date: dutch.date(booking.startsAt), time: `${dutch.time(booking.startsAt)}–${dutch.time(booking.endsAt)}` },
    office: booking.office,
    code: formatBookingCode(booking.code),
    // The card's barcode holds the code alone (for the desk's scanner), never the link.
    barcode: { text: booking.code, ...code128(booking.code) },
    when: { date: fmt.date(booking.startsAt), time: fmt.time(booking.startsAt), end: fmt.time(booking.endsAt) },
    manageUrl: manageUrl(app.config.publicUrl, locale, token),
    shortManageUrl: shortManageUrl(app.config.publicUrl, token),
    managePath: `/${locale}/booking/${token}`,
    /** Booked and not begun: it can still be moved or cancelled. */
    changeable: booking.status === "BOOKED" && booking.startsAt > app.clock.now(),
    // The .ics file holds the manage link; these links hold only the time and the office.
    calendarLinks: webCalendarLinks({
      title: translator(locale)("calendar.summary", { office: booking.office.name }),
      location: officeLocation(booking.office),
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
    }),
    // A caseworker books in their language; the card is also there in the client's.
    clientCard:
      booking.locale !== locale && isLocale(booking.locale)
        ? { href: `/${booking.locale}/booking/${token}/confirmation`, locale: booking.locale, language: localeInfo[booking.locale].nativeName }
        : null,
  };
}
