import t from "tap";
import { DateTime } from "luxon";
import { dutchPublicHoliday, holidaysIn } from "../../src/domain/availability/holidays.ts";
import { sessionStates } from "../../src/domain/availability/free-slots.ts";
import { expandSessions, slotsOf, type ExceptionRule, type SeriesRule } from "../../src/domain/availability/sessions.ts";

const zone = "Europe/Amsterdam";

const tuesday: SeriesRule = {
  id: 1,
  weekdays: "2",
  intervalWeeks: 1,
  startTime: "10:00",
  endTime: "12:00",
  slotMinutes: 20,
  capacity: 1,
  walkInPlaces: 0,
  validFrom: "2027-01-01",
  validUntil: null,
  horizonDays: 84,
  minNoticeMinutes: 120,
};

function expand(from: string, to: string, series: SeriesRule[] = [tuesday], exceptions: ExceptionRule[] = []) {
  return expandSessions({ zone, series, exceptions, from, to, holidayName: dutchPublicHoliday });
}

const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd HH:mm ZZ");

t.test("the machine running the suite is not in Europe", async (t) => {
  // The suite runs with TZ=Pacific/Kiritimati (UTC+14), so code that leans on the machine's
  // zone instead of the office's would put sessions on the wrong day and hour.
  t.equal(Intl.DateTimeFormat().resolvedOptions().timeZone, "Pacific/Kiritimati");
  t.equal(new Date("2027-03-30T08:00:00Z").getTimezoneOffset(), -14 * 60);
});

t.test("a Tuesday 10:00 session is at 10:00 local time on both sides of the March 2027 change", async (t) => {
  // Summer time starts on Sunday 28 March 2027.
  const sessions = expand("2027-03-22", "2027-04-04");
  t.same(
    sessions.map((s) => local(s.startsAt)),
    ["2027-03-23 10:00 +01:00", "2027-03-30 10:00 +02:00"],
  );
  t.same(
    sessions.map((s) => s.startsAt.toISOString()),
    ["2027-03-23T09:00:00.000Z", "2027-03-30T08:00:00.000Z"],
    "the UTC instants differ by the offset change",
  );
  const slots = slotsOf(sessions[1]!, zone);
  t.same(
    slots.map((s) => local(s.startsAt)),
    ["10:00", "10:20", "10:40", "11:00", "11:20", "11:40"].map((time) => `2027-03-30 ${time} +02:00`),
  );
});

t.test("a Tuesday 10:00 session is at 10:00 local time on both sides of the October 2027 change", async (t) => {
  // Summer time ends on Sunday 31 October 2027.
  const sessions = expand("2027-10-25", "2027-11-07");
  t.same(
    sessions.map((s) => local(s.startsAt)),
    ["2027-10-26 10:00 +02:00", "2027-11-02 10:00 +01:00"],
  );
  t.same(
    sessions.map((s) => local(s.endsAt)),
    ["2027-10-26 12:00 +02:00", "2027-11-02 12:00 +01:00"],
  );
});

t.test("Dutch public holidays close series sessions unless the office opens explicitly", async (t) => {
  // Easter Monday 29 March 2027 and King's Day Tuesday 27 April 2027.
  const monday: SeriesRule = { ...tuesday, id: 2, weekdays: "1" };
  t.equal(dutchPublicHoliday("2027-04-27"), "Koningsdag");
  t.equal(dutchPublicHoliday("2027-03-29"), "Tweede paasdag");
  t.equal(dutchPublicHoliday("2027-03-30"), undefined);
  const closed = expand("2027-03-29", "2027-04-27", [tuesday, monday]).map((s) => s.date);
  t.notOk(closed.includes("2027-03-29"), "Easter Monday is closed");
  t.notOk(closed.includes("2027-04-27"), "King's Day is closed");
  t.ok(closed.includes("2027-03-30"), "the Tuesday after Easter is open");

  const open: ExceptionRule = {
    id: 9, kind: "HOLIDAY_OPEN", seriesId: null, date: "2027-04-27", endDate: null,
    startTime: null, endTime: null, slotMinutes: null, capacity: null,
  };
  const opened = expand("2027-04-27", "2027-04-27", [tuesday], [open]);
  t.equal(opened.length, 1);
  t.equal(opened[0]!.holiday, "Koningsdag", "the session knows it is held on a holiday");
});

t.test("the holidays computed at install are the ones the rules give", async (t) => {
  for (const year of [2000, 2025, 2026, 2027, 2030, 2045, 2100]) {
    t.same([...holidaysIn(year)], [...holidaysIn(year, "rules")], String(year));
  }
  t.equal(holidaysIn(2030).get("2030-04-22"), "Tweede paasdag", "Easter Monday 2030");
  t.equal(dutchPublicHoliday("2150-12-25"), "Kerstmis", "beyond the computed years, the rules still answer");
});

t.test("exceptions cancel, change, add and close", async (t) => {
  const base = { endDate: null, startTime: null, endTime: null, slotMinutes: null, capacity: null };
  const exceptions: ExceptionRule[] = [
    { ...base, id: 1, kind: "CANCEL", seriesId: 1, date: "2027-06-01" },
    { ...base, id: 2, kind: "CHANGE", seriesId: 1, date: "2027-06-08", startTime: "13:00", endTime: "14:00", slotMinutes: 30, capacity: 2 },
    { ...base, id: 3, kind: "EXTRA", seriesId: null, date: "2027-06-10", startTime: "09:00", endTime: "10:00", slotMinutes: 15, capacity: 1 },
    { ...base, id: 4, kind: "CLOSURE", seriesId: null, date: "2027-06-20", endDate: "2027-06-30" },
  ];
  const sessions = expand("2027-06-01", "2027-07-06", [tuesday], exceptions);
  t.same(
    sessions.map((s) => [s.date, s.startTime, s.endTime, s.slotMinutes, s.capacity]),
    [
      ["2027-06-08", "13:00", "14:00", 30, 2],
      ["2027-06-10", "09:00", "10:00", 15, 1],
      ["2027-06-15", "10:00", "12:00", 20, 1],
      ["2027-07-06", "10:00", "12:00", 20, 1],
    ],
    "1 June cancelled, 8 June changed, 10 June extra, 22 and 29 June closed",
  );
  t.equal(slotsOf(sessions[1]!, zone).length, 4);
});

t.test("every other week counts from the week the series starts", async (t) => {
  const fortnightly: SeriesRule = { ...tuesday, intervalWeeks: 2, validFrom: "2027-01-04" };
  t.same(
    expand("2027-01-01", "2027-02-10", [fortnightly]).map((s) => s.date),
    ["2027-01-05", "2027-01-19", "2027-02-02"],
  );
  t.same(expand("2027-01-01", "2027-01-31", [{ ...tuesday, validUntil: "2027-01-12" }]).map((s) => s.date), ["2027-01-05", "2027-01-12"]);
});

t.test("free places respect capacity, notice, horizon and walk-in places", async (t) => {
  const [session] = expand("2027-03-30", "2027-03-30");
  const slots = slotsOf(session!, zone);
  const taken = new Map([[slots[0]!.startsAt.getTime(), 1]]);
  // 08:30 local on the day: 10:00 and 10:20 are inside the 120-minute notice.
  const now = new Date("2027-03-30T06:30:00Z");
  const [state] = sessionStates({ sessions: [session!], zone, taken, now });
  t.same(
    state!.slots.map((s) => [local(s.startsAt).slice(11, 16), s.free, s.bookable]),
    [["10:00", 0, false], ["10:20", 1, false], ["10:40", 1, true], ["11:00", 1, true], ["11:20", 1, true], ["11:40", 1, true]],
  );

  const early = new Date("2027-01-04T08:00:00Z");
  const [far] = sessionStates({ sessions: [session!], zone, taken: new Map(), now: early });
  t.ok(far!.slots.every((s) => !s.bookable), "85 days ahead is past the 84-day horizon");

  const withWalkIns = { ...session!, walkInPlaces: 2 };
  const four = new Map(slots.slice(0, 4).map((s) => [s.startsAt.getTime(), 1]));
  const [reserved] = sessionStates({ sessions: [withWalkIns], zone, taken: four, now: new Date("2027-03-01T08:00:00Z") });
  t.equal(reserved!.openOnline, 0, "six places minus two walk-in places, four taken");
  t.ok(reserved!.slots.every((s) => !s.bookable), "the last two places stay free for walk-ins");
  t.equal(reserved!.slots.filter((s) => s.free > 0).length, 2);
});
