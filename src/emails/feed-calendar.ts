// The iCalendar subscription feed of a staff member (RFC 5545): one event per session
// and per booking, with stable UIDs so a calendar updates events instead of duplicating
// them, TZID times and VTIMEZONE blocks so local times survive daylight-saving changes.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical from "ical-generator";
import { DateTime } from "luxon";
import { finishCalendar } from "./calendar.ts";

export interface FeedEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  zone: string;
  summary: string;
  location?: string;
}

export interface FeedInput {
  name: string;
  /** The zone the calendar as a whole is in (the offices' zone). */
  zone: string;
  /** DTSTAMP of every event: when the feed was made (from the injected clock). */
  stamp: Date;
  events: FeedEvent[];
}

export function feedCalendar(input: FeedInput): string {
  const calendar = ical({
    prodId: { company: "Spreekuur", product: "Spreekuur", language: "NL" },
    name: input.name,
    timezone: { name: input.zone, generator: getVtimezoneComponent },
  });
  for (const event of input.events) {
    // Luxon values carry their zone; a plain Date would be written in the machine's zone.
    calendar.createEvent({
      id: event.uid,
      start: DateTime.fromJSDate(event.startsAt, { zone: event.zone }),
      end: DateTime.fromJSDate(event.endsAt, { zone: event.zone }),
      timezone: event.zone,
      stamp: DateTime.fromJSDate(input.stamp, { zone: "utc" }),
      summary: event.summary,
      ...(event.location ? { location: event.location } : {}),
    });
  }
  return finishCalendar(calendar.toString(), input.stamp);
}

/** Stable UIDs: the same session or booking keeps its UID in every version of the feed. */
export function feedUid(kind: "session" | "booking", key: string | number, publicUrl: string): string {
  return `feed-${kind}-${key}@${new URL(publicUrl).hostname}`;
}
