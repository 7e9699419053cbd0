// The pieces under the statistics page: months counted on the Amsterdam wall clock, the
// year as Amsterdam instants, and the bar geometry the SVG charts are drawn from.
import t from "tap";
import { barsLayout, columnsLayout } from "../../src/domain/statistics/charts.ts";
import { yearRange } from "../../src/domain/statistics/load-statistics.ts";
import { bucketByMonth } from "../../src/domain/statistics/month-buckets.ts";
import { monthNames } from "../../src/domain/statistics/tables.ts";

const at = (iso: string) => new Date(iso);

t.test("appointments count in their Amsterdam month and year, whatever UTC says", async (t) => {
  const counts = bucketByMonth(
    [
      { officeId: 1, startsAt: at("2025-12-31T23:30:00Z") }, // 1 January 2026, 00:30 in Amsterdam
      { officeId: 1, startsAt: at("2026-01-31T23:30:00Z") }, // 1 February, 00:30
      { officeId: 1, startsAt: at("2026-01-31T22:30:00Z") }, // 31 January, 23:30
      { officeId: 2, startsAt: at("2026-06-30T22:30:00Z") }, // 1 July, 00:30 summer time
      { officeId: 2, startsAt: at("2026-06-30T21:30:00Z") }, // 30 June, 23:30
      { officeId: 2, startsAt: at("2026-12-31T22:59:59Z") }, // 31 December, 23:59:59
      { officeId: 2, startsAt: at("2026-12-31T23:00:00Z") }, // 1 January 2027: another year
      { officeId: 3, startsAt: at("2025-12-31T22:59:00Z") }, // 31 December 2025
    ],
    2026,
    "Europe/Amsterdam",
  );
  t.same(Object.fromEntries(counts), {
    1: [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    2: [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1],
  });
});

t.test("a year runs from Amsterdam midnight to Amsterdam midnight", async (t) => {
  const range = yearRange(2026);
  t.same([range.gte.toISOString(), range.lt.toISOString()], ["2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
});

t.test("month names in the staff member's language", async (t) => {
  t.same(monthNames("en", "long").slice(0, 3), ["January", "February", "March"]);
  t.same(monthNames("nl", "long").slice(0, 3), ["januari", "februari", "maart"]);
  t.equal(monthNames("nl", "short").length, 12);
});

t.test("horizontal bars: in proportion, the longest filling the width, zero drawn as nothing", async (t) => {
  const layout = barsLayout([
    { label: "Arabisch", value: 6 },
    { label: "Farsi", value: 3 },
    { label: "Tigrinya", value: 0 },
  ]);
  t.same(layout, {
    kind: "bars",
    width: 640,
    height: 136,
    axis: { x1: 0.5, y1: 0, x2: 0.5, y2: 136 },
    bars: [
      { label: "Arabisch", value: 6, x: 0, y: 20, width: 584, height: 16, labelX: 0, labelY: 14, valueX: 590, valueY: 33 },
      { label: "Farsi", value: 3, x: 0, y: 64, width: 292, height: 16, labelX: 0, labelY: 58, valueX: 298, valueY: 77 },
      { label: "Tigrinya", value: 0, x: 0, y: 108, width: 0, height: 16, labelX: 0, labelY: 102, valueX: 6, valueY: 121 },
    ],
  });
  t.same(barsLayout([]).bars, [], "no bars, no failure");
  t.same(barsLayout([{ label: "x", value: 0 }]).bars[0]!.width, 0, "all zero: no division by zero");
});

t.test("columns: one per month, heights in proportion, counts above, labels below", async (t) => {
  const values = [4, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0];
  const layout = columnsLayout(values.map((value, m) => ({ label: `M${m + 1}`, value })));
  t.equal(layout.bars.length, 12);
  t.same(layout.axis, { x1: 0, y1: 196.5, x2: 640, y2: 196.5 });
  t.same(layout.bars.map((b) => b.height), [172, 0, 86, 0, 0, 0, 43, 0, 0, 0, 0, 0]);
  t.same(layout.bars.map((b) => b.y + b.height), Array(12).fill(196), "every column stands on the axis");
  t.same(layout.bars[0], { label: "M1", value: 4, x: 10.7, y: 24, width: 32, height: 172, labelX: 26.7, labelY: 214, valueX: 26.7, valueY: 18 });
  t.ok(layout.bars.every((b) => b.x >= 0 && b.x + b.width <= 640), "inside the picture");
});
