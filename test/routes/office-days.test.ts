// The office page says what each day is: free times, full, not open for booking yet (and
// from when), or closed (with the public holiday's name). A `from` in a link that cannot
// be shown leads to the nearest weeks that can, and the page says so.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { mainText } from "../helpers/forms.ts";

// Monday 30 November 2026; the seeded series may be booked 84 days ahead (to 22 February).
const now = "2026-11-30T08:00:00Z";

/** The page from its list of times on: the notice, the weeks shown, each day, the pager. */
const times = (html: string) => {
  const text = mainText(html).replaceAll("&#39;", "'");
  const start = text.search(/Vrije tijden|Free times|الأوقات المتاحة|وقت‌های خالی/);
  return start < 0 ? text : text.slice(start);
};

t.test("closed and cancelled days show as closed, with the holiday's name in the page's language where there is one", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" }, include: { series: true } });
  const tuesdays = zwolle.series.find((s) => s.weekdays === "2")!;
  await db.scheduleException.create({ data: { officeId: zwolle.id, seriesId: tuesdays.id, kind: "CANCEL", date: "2026-12-08", reason: "Training", createdAt: new Date(now) } });
  await db.scheduleException.create({ data: { officeId: zwolle.id, kind: "CLOSURE", date: "2026-12-10", endDate: "2026-12-11", reason: "Verbouwing", createdAt: new Date(now) } });

  const first = await app.inject({ url: "/nl/offices/zwolle" });
  t.equal(
    times(first.body),
    "Vrije tijden Kies een tijd. Daarna vult u een kort formulier in. Van maandag 30 november tot en met zondag 13 december " +
      "dinsdag 1 december 2026 10:00 10:20 10:40 11:00 11:20 11:40 donderdag 3 december 2026 13:00 13:20 13:40 14:00 14:20 14:40 " +
      "dinsdag 8 december 2026 Gesloten donderdag 10 december 2026 Gesloten Volgende weken",
    "a cancelled Tuesday and a closed Thursday say so; the staff's reasons are not shown",
  );

  // Amsterdam holds its hours on Tuesdays and Fridays: Christmas and New Year's Day are Fridays.
  const expected = {
    nl: ["Gesloten – Kerstmis", "Gesloten – Nieuwjaar", '<span lang="nl">Kerstmis</span>'],
    en: ["Closed – Christmas Day", "Closed – New Year's Day", '<span lang="en">Christmas Day</span>'],
    ar: ["مغلق – عيد الميلاد المجيد", "مغلق – عيد رأس السنة", '<span lang="ar">عيد الميلاد المجيد</span>'],
    // The holiday data has no Farsi names: the Dutch one, marked as Dutch.
    fa: ["تعطیل – Kerstmis", "تعطیل – Nieuwjaar", '<span lang="nl">Kerstmis</span>'],
  };
  for (const [locale, [christmas, newYear, markup]] of Object.entries(expected)) {
    const page = await app.inject({ url: `/${locale}/offices/amsterdam?from=2026-12-21` });
    t.equal(page.statusCode, 200);
    const text = times(page.body);
    t.match(text, christmas!, `${locale}: Christmas`);
    t.match(text, newYear!, `${locale}: New Year's Day`);
    t.ok(page.body.includes(markup!), `${locale}: the name carries its language`);
  }
  const english = await app.inject({ url: "/en/offices/amsterdam?from=2026-12-21" });
  t.equal(
    times(english.body),
    "Free times Choose a time. Then you fill in a short form. From Monday 21 December to Sunday 3 January " +
      "Tuesday, 22 December 2026 10:00 10:20 10:40 11:00 11:20 11:40 12:00 12:20 12:40 Friday, 25 December 2026 Closed – Christmas Day " +
      "Tuesday, 29 December 2026 10:00 10:20 10:40 11:00 11:20 11:40 12:00 12:20 12:40 Friday, 1 January 2027 Closed – New Year's Day Earlier weeks Next weeks",
  );
});

t.test("days beyond the booking horizon say when they open, not that they are full", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const page = await app.inject({ url: "/nl/offices/zwolle?from=2027-02-22" });
  t.equal(page.statusCode, 200);
  t.equal(
    times(page.body),
    "Vrije tijden Kies een tijd. Daarna vult u een kort formulier in. Van maandag 22 februari tot en met zondag 7 maart " +
      "dinsdag 23 februari 2027 Nog niet te boeken. U kunt deze dag boeken vanaf dinsdag 1 december 2026. " +
      "donderdag 25 februari 2027 Nog niet te boeken. U kunt deze dag boeken vanaf donderdag 3 december 2026. " +
      "dinsdag 2 maart 2027 Nog niet te boeken. U kunt deze dag boeken vanaf dinsdag 8 december 2026. " +
      "donderdag 4 maart 2027 Nog niet te boeken. U kunt deze dag boeken vanaf donderdag 10 december 2026. Eerdere weken",
  );
  t.notMatch(page.body, "Vol – geen vrije tijden meer");
  const arabic = await app.inject({ url: "/ar/offices/zwolle?from=2027-02-22" });
  t.match(mainText(arabic.body), "لا يمكن الحجز بعد. يمكنك حجز هذا اليوم ابتداءً من الثلاثاء، 1 ديسمبر 2026.", "the date in the page's language");
});

t.test("a from= that cannot be shown leads to the nearest weeks that can, and says so", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const cases: Array<[string, string, string]> = [
    ["nonsense", "We konden de datum in de link niet lezen. Hieronder staan de tijden vanaf vandaag.", "Van maandag 30 november tot en met zondag 13 december"],
    ["2026-02-31", "We konden de datum in de link niet lezen. Hieronder staan de tijden vanaf vandaag.", "Van maandag 30 november tot en met zondag 13 december"],
    ["2026-11-01", "Die datum is al voorbij. Hieronder staan de tijden vanaf vandaag.", "Van maandag 30 november tot en met zondag 13 december"],
    ["2027-06-01", "Zo ver vooruit kunt u nog niet boeken. Hieronder staan de laatste weken die u nu kunt boeken.", "Van dinsdag 9 februari tot en met maandag 22 februari"],
  ];
  for (const base of ["/nl/offices/zwolle", "/nl/caseworker/offices/zwolle"]) {
    for (const [from, notice, range] of cases) {
      const page = await app.inject({ url: `${base}?from=${from}` });
      t.equal(page.statusCode, 200, `${base}?from=${from}`);
      t.ok(page.body.includes(`<p class="notice" role="status">${notice}</p>`), `${from}: "${notice}"`);
      t.match(mainText(page.body), range, `${from}: ${range}`);
    }
    const beyond = await app.inject({ url: `${base}?from=2027-06-01` });
    t.match(mainText(beyond.body), "dinsdag 16 februari 2027 10:00 10:20 10:40 11:00 11:20 11:40 donderdag 18 februari 2027 13:00", "the last bookable days, with their times");
    t.notMatch(beyond.body, "Volgende weken", "and nothing later to page to");
    for (const url of [base, `${base}?from=2026-11-30`, `${base}?from=2026-12-14`]) {
      t.notMatch((await app.inject({ url })).body, 'class="notice" role="status"', `${url}: no notice when the weeks asked for are shown`);
    }
  }
});
