// Which dates the office page shows as closed: those on which a series would run but no
// session is held, with the public holiday's name when that is why.
import t from "tap";
import { closedDays } from "../../src/domain/availability/closed-days.ts";
import { dutchPublicHoliday, holidayNameIn } from "../../src/domain/availability/holidays.ts";
import { expandSessions, type ExceptionRule, type SeriesRule } from "../../src/domain/availability/sessions.ts";

const tuesdays: SeriesRule = {
  id: 1, weekdays: "2", intervalWeeks: 1, startTime: "10:00", endTime: "12:00", slotMinutes: 20, capacity: 1,
  walkInPlaces: 0, validFrom: "2026-12-01", validUntil: "2027-01-12", horizonDays: 84, minNoticeMinutes: 120,
};
const exception = (fields: Partial<ExceptionRule> & Pick<ExceptionRule, "id" | "kind" | "date">): ExceptionRule => ({
  seriesId: null, endDate: null, startTime: null, endTime: null, slotMinutes: null, capacity: null, ...fields,
});

function closed(exceptions: ExceptionRule[]) {
  const input = { zone: "Europe/Amsterdam", series: [tuesdays], exceptions, from: "2026-12-01", to: "2027-01-31", holidayName: dutchPublicHoliday };
  return closedDays(input, expandSessions(input));
}

t.test("a cancelled date, a closure and a public holiday are closed; other dates, and dates the series does not run, are not", async (t) => {
  // Tuesdays from 1 December 2026 to 12 January 2027; 29 December is no holiday, but
  // Christmas and New Year's Day fall on Fridays, when this series does not run.
  t.same(closed([]), [], "every Tuesday is held");
  t.same(
    closed([
      exception({ id: 1, kind: "CANCEL", seriesId: 1, date: "2026-12-08" }),
      exception({ id: 2, kind: "CLOSURE", date: "2026-12-14", endDate: "2026-12-16" }),
    ]),
    [
      { date: "2026-12-08", holiday: undefined },
      { date: "2026-12-15", holiday: undefined },
    ],
  );
});

t.test("a public holiday names itself, unless the office opens that day or holds an extra session", async (t) => {
  const boxingDay: SeriesRule = { ...tuesdays, weekdays: "6", validFrom: "2026-12-26", validUntil: "2026-12-26" }; // Saturday 26 December 2026
  const run = (exceptions: ExceptionRule[]) => {
    const input = { zone: "Europe/Amsterdam", series: [boxingDay], exceptions, from: "2026-12-26", to: "2026-12-26", holidayName: dutchPublicHoliday };
    return closedDays(input, expandSessions(input));
  };
  t.same(run([]), [{ date: "2026-12-26", holiday: "Tweede kerstdag" }]);
  t.same(run([exception({ id: 1, kind: "HOLIDAY_OPEN", date: "2026-12-26" })]), [], "open on the holiday: sessions are held");
  t.same(run([exception({ id: 1, kind: "HOLIDAY_OPEN", date: "2026-12-26" }), exception({ id: 2, kind: "CANCEL", seriesId: 1, date: "2026-12-26" })]), [{ date: "2026-12-26", holiday: undefined }], "open, but the session cancelled: closed, and not for the holiday");
  t.same(run([exception({ id: 1, kind: "EXTRA", date: "2026-12-26", startTime: "10:00", endTime: "11:00", slotMinutes: 20 })]), [], "an extra session is held");
});

t.test("holiday names in the reader's language where the data set has them, else Dutch", async (t) => {
  t.same(holidayNameIn("Kerstmis", "en"), { name: "Christmas Day", lang: "en" });
  t.same(holidayNameIn("Kerstmis", "ti"), { name: "ልደት", lang: "ti" });
  t.same(holidayNameIn("Kerstmis", "fa"), { name: "Kerstmis", lang: "nl" });
  t.same(holidayNameIn("Kerstmis", "nl"), { name: "Kerstmis", lang: "nl" });
  t.same(holidayNameIn("Koningsdag", "fr"), { name: "Fête du Roi", lang: "fr" });
});
