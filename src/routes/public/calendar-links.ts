// "Add to calendar" links for the common web calendars, beside the .ics download. They
// carry only what the appointment is, when and where: never the manage link, the booking
// code or anything about the client, since opening one hands the URL to another company.

export interface CalendarEvent {
  title: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CalendarLink {
  /** The service's own name (not translated). */
  name: string;
  href: string;
}

/** 20261201T090000Z */
const compact = (at: Date) => at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
/** 2026-12-01T09:00:00Z */
const iso = (at: Date) => at.toISOString().replace(/\.\d{3}/, "");

const url = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params).toString()}`;

function outlook(host: string, event: CalendarEvent): string {
  return url(`https://${host}/calendar/0/deeplink/compose`, {
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: iso(event.startsAt),
    enddt: iso(event.endsAt),
    location: event.location,
  });
}

export function webCalendarLinks(event: CalendarEvent): CalendarLink[] {
  return [
    {
      name: "Google Calendar",
      href: url("https://calendar.google.com/calendar/render", {
        action: "TEMPLATE",
        text: event.title,
        dates: `${compact(event.startsAt)}/${compact(event.endsAt)}`,
        location: event.location,
      }),
    },
    { name: "Outlook.com", href: outlook("outlook.live.com", event) },
    { name: "Microsoft 365", href: outlook("outlook.office.com", event) },
    {
      name: "Yahoo",
      href: url("https://calendar.yahoo.com/", { v: "60", title: event.title, st: compact(event.startsAt), et: compact(event.endsAt), in_loc: event.location }),
    },
  ];
}
