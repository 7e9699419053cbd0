// iCalendar files (RFC 5545) for a booking: one stable UID per booking, SEQUENCE rising
// with every change, times with TZID and a VTIMEZONE block so calendars show local time
// on both sides of a daylight-saving change.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

export interface CalendarInput {
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  zone: string;
  summary: string;
  location: string;
  description: string;
  /** DTSTAMP: when this version was made (from the injected clock). */
  stamp: Date;
  /** What the reminder alarm says; the alarm goes off the day before (see ALARM_BEFORE_SECONDS). */
  alarm?: string;
  organizer?: { name: string; email: string };
  attendee?: string;
}

/**
 * The reminder alarm goes off 24 hours before the appointment, not 2 hours: online
 * cancelling and moving close 2 hours before (the minimum notice), many clients travel
 * an hour or more by public transport to the office, and a client without email or text
 * messages has no other reminder. The day before there is still time to plan the trip,
 * or to cancel so that someone else can have the place.
 */
export const ALARM_BEFORE_SECONDS = 24 * 60 * 60;

export function bookingCalendar(input: CalendarInput): string {
  const calendar = ical({
    // Neutral, like the subject lines: the file may be opened on a shared device.
    prodId: { company: "Spreekuur", product: "Afspraken", language: "NL" },
    method: ICalCalendarMethod[input.method],
    timezone: { name: input.zone, generator: getVtimezoneComponent },
  });
  // Luxon values, not Dates: given a Date, ical-generator formats it with the machine's
  // zone. A DateTime carries its zone, so TZID times are the office's wall clock and
  // DTSTAMP is UTC.
  const event = calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: DateTime.fromJSDate(input.startsAt, { zone: input.zone }),
    end: DateTime.fromJSDate(input.endsAt, { zone: input.zone }),
    timezone: input.zone,
    stamp: DateTime.fromJSDate(input.stamp, { zone: "utc" }),
    summary: input.summary,
    location: input.location,
    description: input.description,
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(input.organizer ? { organizer: input.organizer } : {}),
    ...(input.attendee ? { attendees: [{ email: input.attendee, rsvp: false }] } : {}),
  });
  if (input.alarm && input.method !== "CANCEL") event.createAlarm({ type: ICalAlarmType.display, trigger: ALARM_BEFORE_SECONDS, description: input.alarm });
  return finishCalendar(calendar.toString(), input.stamp);
}

/**
 * Two things ical-generator writes that RFC 5545 does not allow, put right. With a
 * calendar time zone set it writes DTSTAMP in that zone without a "Z" (3.8.7.2 wants
 * UTC), so every DTSTAMP is rewritten; and it adds a "TIMEZONE-ID" property, which is
 * neither registered nor an X- property (3.8.8.2), so strict parsers may refuse the file.
 * The VTIMEZONE block and X-WR-TIMEZONE say the same.
 */
export function finishCalendar(ics: string, stamp: Date): string {
  const utc = DateTime.fromJSDate(stamp, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return ics.replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${utc}`).replace(/^TIMEZONE-ID:.*\r?\n/gm, "");
}

/** The UID a booking keeps in every calendar file, whatever changes. */
export function calendarUid(code: string, publicUrl: string): string {
  return `booking-${code.toLowerCase()}@${new URL(publicUrl).hostname}`;
}
