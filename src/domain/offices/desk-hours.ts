// When an office's desk answers the phone and the door: per ISO weekday one span of
// wall-clock time in the office's zone, stored as "1=09:00-17:00;2=09:00-17:00". Days
// without a span are closed. People read it grouped: "Monday–Friday 09:00–17:00".

export type DeskHours = ReadonlyMap<number, { opens: string; closes: string }>;

const time = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A span typed by an administrator ("9:00 - 17:00", "09.00–17.00"), or null when it is not one. */
export function parseSpan(text: string): { opens: string; closes: string } | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const opens = `${m[1]!.padStart(2, "0")}:${m[2]}`;
  const closes = `${m[3]!.padStart(2, "0")}:${m[4]}`;
  return time.test(opens) && time.test(closes) && opens < closes ? { opens, closes } : null;
}

/** The stored form; unreadable parts are left out (the form checks before saving). */
export function parseDeskHours(stored: string | null | undefined): DeskHours {
  const hours = new Map<number, { opens: string; closes: string }>();
  for (const part of (stored ?? "").split(";")) {
    const m = /^([1-7])=(.+)$/.exec(part.trim());
    const span = m ? parseSpan(m[2]!) : null;
    if (m && span) hours.set(Number(m[1]), span);
  }
  return hours;
}

export function storeDeskHours(hours: DeskHours): string | null {
  const parts = [...hours.entries()].sort(([a], [b]) => a - b).map(([day, s]) => `${day}=${s.opens}-${s.closes}`);
  return parts.length ? parts.join(";") : null;
}

/** Consecutive days with the same span, in week order: [{ from: 1, to: 5, opens, closes }]. */
export function groupedDeskHours(hours: DeskHours): Array<{ from: number; to: number; opens: string; closes: string }> {
  const groups: Array<{ from: number; to: number; opens: string; closes: string }> = [];
  for (let day = 1; day <= 7; day++) {
    const span = hours.get(day);
    if (!span) continue;
    const last = groups.at(-1);
    if (last && last.to === day - 1 && last.opens === span.opens && last.closes === span.closes) last.to = day;
    else groups.push({ from: day, to: day, ...span });
  }
  return groups;
}
