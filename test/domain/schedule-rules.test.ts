// The pure rules of schedule management: reading the forms, overlapping series, and which
// bookings a change touches.
import t from "tap";
import { expandSessions, type ExceptionRule, type SeriesRule } from "../../src/domain/availability/sessions.ts";
import { affectedBookings, moveCandidates } from "../../src/domain/schedule/affected.ts";
import { applyToRules, UNSAVED_ID, type Rules } from "../../src/domain/schedule/changes.ts";
import { exceptionValues, readExceptionForm } from "../../src/domain/schedule/exception-form.ts";
import { readSeriesForm, seriesOverlap, type SeriesValues } from "../../src/domain/schedule/series-form.ts";
import { validateChange, type ValidationContext } from "../../src/domain/schedule/validate-change.ts";

const zone = "Europe/Amsterdam";
const form: SeriesValues = {
  weekdays: ["2"],
  intervalWeeks: "1",
  startTime: "10:00",
  endTime: "12:00",
  slotMinutes: "20",
  capacity: "1",
  walkInPlaces: "0",
  validFrom: "2026-12-01",
  validUntil: "",
  horizonDays: "84",
  minNoticeMinutes: "120",
  hostId: "",
};

const tuesday: SeriesRule = {
  id: 1,
  weekdays: "2",
  intervalWeeks: 1,
  startTime: "10:00",
  endTime: "12:00",
  slotMinutes: 20,
  capacity: 2,
  walkInPlaces: 0,
  validFrom: "2026-11-30",
  validUntil: null,
  horizonDays: 84,
  minNoticeMinutes: 120,
};

t.test("a valid series form becomes a draft", async (t) => {
  const { draft, errors } = readSeriesForm({ ...form, weekdays: ["4", "2"], validUntil: "2027-06-30", hostId: "7" });
  t.same(errors, {});
  t.same(draft, {
    startTime: "10:00",
    endTime: "12:00",
    slotMinutes: 20,
    capacity: 1,
    weekdays: [2, 4],
    intervalWeeks: 1,
    walkInPlaces: 0,
    validFrom: "2026-12-01",
    validUntil: "2027-06-30",
    horizonDays: 84,
    minNoticeMinutes: 120,
    hostId: 7,
  });
});

t.test("each wrong series field gets its own error", async (t) => {
  const cases: Array<[Partial<SeriesValues>, Record<string, string>]> = [
    [{ endTime: "10:00" }, { endTime: "staff.schedule.error.endBeforeStart" }],
    [{ endTime: "09:00" }, { endTime: "staff.schedule.error.endBeforeStart" }],
    [{ capacity: "0" }, { capacity: "staff.schedule.error.capacity" }],
    [{ capacity: "-2" }, { capacity: "staff.schedule.error.capacity" }],
    [{ slotMinutes: "25" }, { slotMinutes: "staff.schedule.error.slotDivides" }],
    [{ slotMinutes: "0" }, { slotMinutes: "staff.schedule.error.slotMinutes" }],
    [{ walkInPlaces: "7" }, { walkInPlaces: "staff.schedule.error.walkInTooMany" }],
    [{ walkInPlaces: "-1" }, { walkInPlaces: "staff.schedule.error.walkInPlaces" }],
    [{ startTime: "25:00" }, { startTime: "staff.schedule.error.time" }],
    [{ startTime: "10.00" }, { startTime: "staff.schedule.error.time" }],
    [{ validFrom: "2026-02-30" }, { validFrom: "staff.schedule.error.date" }],
    [{ validUntil: "tomorrow" }, { validUntil: "staff.schedule.error.date" }],
    [{ validUntil: "2026-11-30" }, { validUntil: "staff.schedule.error.untilBeforeFrom" }],
    [{ weekdays: [] }, { weekdays: "staff.schedule.error.weekdays" }],
    [{ weekdays: ["2", "8"] }, { weekdays: "staff.schedule.error.weekdays" }],
    [{ intervalWeeks: "0" }, { intervalWeeks: "staff.schedule.error.intervalWeeks" }],
    [{ horizonDays: "" }, { horizonDays: "staff.schedule.error.horizonDays" }],
    [{ minNoticeMinutes: "1.5" }, { minNoticeMinutes: "staff.schedule.error.minNotice" }],
    [{ hostId: "x" }, { hostId: "staff.schedule.error.host" }],
    [{ endTime: "09:00", capacity: "0" }, { endTime: "staff.schedule.error.endBeforeStart", capacity: "staff.schedule.error.capacity" }],
  ];
  for (const [change, expected] of cases) {
    const { draft, errors } = readSeriesForm({ ...form, ...change });
    t.same(errors, expected, JSON.stringify(change));
    t.equal(draft, null);
  }
  // Six 20-minute slots of 1 person: six walk-in places is the most there can be.
  t.same(readSeriesForm({ ...form, walkInPlaces: "6" }).errors, {});
});

t.test("series overlap: shared weekday, overlapping hours and periods, coinciding weeks", async (t) => {
  const other = { ...tuesday, weekdays: "2,4" };
  t.ok(seriesOverlap({ ...tuesday, startTime: "11:40", endTime: "13:00" }, other), "overlapping hours on a shared weekday");
  t.notOk(seriesOverlap({ ...tuesday, startTime: "12:00", endTime: "13:00" }, other), "back to back is fine");
  t.notOk(seriesOverlap({ ...tuesday, weekdays: "3" }, other), "another weekday");
  t.notOk(seriesOverlap({ ...tuesday, validFrom: "2027-01-01" }, { ...other, validUntil: "2026-12-31" }), "one ends before the other starts");
  t.ok(seriesOverlap({ ...tuesday, validFrom: "2027-01-01" }, { ...other, validUntil: "2027-01-05" }), "periods share a week");
  const everyOther = { ...tuesday, intervalWeeks: 2 };
  t.notOk(seriesOverlap(everyOther, { ...everyOther, validFrom: "2026-12-07" }), "alternate weeks never meet");
  t.ok(seriesOverlap(everyOther, { ...everyOther, validFrom: "2026-12-14" }), "the same weeks do");
  t.ok(seriesOverlap(everyOther, tuesday), "every week meets every other week");
});

t.test("exception forms", async (t) => {
  t.same(readExceptionForm("CLOSURE", exceptionValues({ date: "2026-12-21", endDate: "2026-12-31", reason: "  Verbouwing   wijkcentrum " })), {
    draft: { kind: "CLOSURE", seriesId: null, date: "2026-12-21", endDate: "2026-12-31", startTime: null, endTime: null, slotMinutes: null, capacity: null, reason: "Verbouwing wijkcentrum" },
    errors: {},
  });
  t.same(readExceptionForm("CLOSURE", exceptionValues({ date: "2026-12-21", endDate: "2026-12-20" })).errors, { endDate: "staff.schedule.error.endDateBeforeDate" });
  t.same(readExceptionForm("CLOSURE", exceptionValues({ date: "2026-12-21" })).draft?.endDate, "2026-12-21", "one day when no end date is given");
  t.same(readExceptionForm("CHANGE", exceptionValues({ seriesId: "1", date: "2026-12-08", startTime: "10:00", endTime: "11:10", slotMinutes: "20", capacity: "0" })).errors, {
    slotMinutes: "staff.schedule.error.slotDivides",
    capacity: "staff.schedule.error.capacity",
  });
  t.same(readExceptionForm("EXTRA", exceptionValues({ date: "2026-12-09", startTime: "14:00", endTime: "13:00", slotMinutes: "30", capacity: "1" })).errors, { endTime: "staff.schedule.error.endBeforeStart" });
  t.same(readExceptionForm("CANCEL", exceptionValues({ date: "2026-12-08" })).errors, { seriesId: "staff.schedule.error.series" });
});

const rules: Rules = { series: [tuesday], exceptions: [] };
const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({
  zone,
  today: "2026-11-30",
  rules,
  hostIds: [5],
  holidayName: (date) => (date === "2026-12-08" ? "Testdag" : undefined),
  ...over,
});
const exception = (fields: Partial<ExceptionRule> & { kind: ExceptionRule["kind"]; date: string }) => ({
  seriesId: null,
  endDate: null,
  startTime: null,
  endTime: null,
  slotMinutes: null,
  capacity: null,
  reason: null,
  ...fields,
});

t.test("changes are checked against the office's other rules", async (t) => {
  const series = readSeriesForm({ ...form, startTime: "11:00", endTime: "13:00" }).draft!;
  t.same(validateChange(ctx(), { type: "series.create", series }), { weekdays: "staff.schedule.error.overlap" });
  t.same(validateChange(ctx(), { type: "series.update", seriesId: 1, series }), {}, "a series does not overlap itself");
  t.same(validateChange(ctx(), { type: "series.create", series: { ...series, weekdays: [3], hostId: 6 } }), { hostId: "staff.schedule.error.host" });
  t.same(validateChange(ctx(), { type: "series.create", series: { ...series, weekdays: [3], hostId: 5 } }), {}, "a host who works there");
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 1, date: "2026-12-02" }) }), { date: "staff.schedule.error.noSession" });
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 1, date: "2026-12-08" }) }), { date: "staff.schedule.error.noSession" }, "closed for the holiday");
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 1, date: "2026-12-15" }) }), {});
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 9, date: "2026-12-15" }) }), { seriesId: "staff.schedule.error.series" });
  t.same(validateChange(ctx({ today: "2026-12-16" }), { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 1, date: "2026-12-15" }) }), { date: "staff.schedule.error.pastDate" });
  t.same(
    validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "EXTRA", date: "2026-12-15", startTime: "11:30", endTime: "12:30", slotMinutes: 30, capacity: 1 }) }),
    { startTime: "staff.schedule.error.overlapSession" },
  );
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "EXTRA", date: "2026-12-15", startTime: "12:00", endTime: "13:00", slotMinutes: 30, capacity: 1 }) }), {});
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "HOLIDAY_OPEN", date: "2026-12-15" }) }), { date: "staff.schedule.error.notHoliday" });
  t.same(validateChange(ctx(), { type: "exception.create", exception: exception({ kind: "HOLIDAY_OPEN", date: "2026-12-08" }) }), {});
  t.same(validateChange(ctx(), { type: "series.end", seriesId: 1, lastDate: "2026-11-28" }), { lastDate: "staff.schedule.error.endBeforeFrom" });
  t.same(validateChange(ctx(), { type: "series.end", seriesId: 1, lastDate: "2026-11-29" }), {}, "the day before it starts: it never runs");
});

t.test("affected bookings: gone slots and seats above the new capacity, nothing else", async (t) => {
  const expand = (r: Rules) => expandSessions({ zone, series: r.series, exceptions: r.exceptions, from: "2026-12-01", to: "2026-12-15", holidayName: () => undefined });
  const at = (iso: string) => new Date(iso);
  const bookings = [
    { id: 1, startsAt: at("2026-12-01T09:00:00Z"), seat: 1 },
    { id: 2, startsAt: at("2026-12-01T09:00:00Z"), seat: 2 },
    { id: 3, startsAt: at("2026-12-08T09:20:00Z"), seat: 1 },
    { id: 4, startsAt: at("2026-12-08T09:30:00Z"), seat: 1 }, // no such slot, before or after
  ];
  const cancelFirst = applyToRules(rules, { type: "exception.create", exception: exception({ kind: "CANCEL", seriesId: 1, date: "2026-12-01" }) });
  t.same(affectedBookings({ zone, before: expand(rules), after: expand(cancelFirst), bookings }), [
    { bookingId: 1, why: "gone" },
    { bookingId: 2, why: "gone" },
  ]);
  const oneSeat = applyToRules(rules, { type: "series.update", seriesId: 1, series: { ...readSeriesForm({ ...form, validFrom: "2026-11-30" }).draft!, capacity: 1 } });
  t.same(affectedBookings({ zone, before: expand(rules), after: expand(oneSeat), bookings }), [{ bookingId: 2, why: "capacity" }]);
  const halfHours = applyToRules(rules, { type: "series.update", seriesId: 1, series: { ...readSeriesForm({ ...form, validFrom: "2026-11-30", slotMinutes: "30" }).draft!, capacity: 2 } });
  t.same(affectedBookings({ zone, before: expand(rules), after: expand(halfHours), bookings }), [{ bookingId: 3, why: "gone" }], "10:20 is gone, 10:00 stays");
  const ended = applyToRules(rules, { type: "series.end", seriesId: 1, lastDate: "2026-12-07" });
  t.same(affectedBookings({ zone, before: expand(rules), after: expand(ended), bookings }).map((a) => a.bookingId), [3]);
  t.equal(ended.series[0]!.validUntil, "2026-12-07");
  t.equal(applyToRules(rules, { type: "series.create", series: readSeriesForm(form).draft! }).series[1]!.id, UNSAVED_ID);

  const taken = new Map([[at("2026-12-08T09:00:00Z").getTime(), 2]]);
  const candidates = moveCandidates(expand(cancelFirst), taken, bookings[0]!, zone, at("2026-11-30T08:00:00Z"), { days: 7, limit: 3 });
  t.same(candidates.map((d) => d.toISOString()), ["2026-12-08T09:20:00.000Z", "2026-12-08T09:40:00.000Z", "2026-12-08T10:00:00.000Z"], "the nearest free slots, full ones left out");
});
