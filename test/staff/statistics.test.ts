// The anonymous statistics page and its CSV export: admins only, exact counts per office,
// month, language, interpreter, channel, organisation type and outcome, filters, clear
// answers to bad filters — and never a client's personal data, before or after erasure.
import t from "tap";
import { languageLabel } from "../../src/i18n/language-names.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { mainText } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

// Monday 5 January 2026, 09:00 in Amsterdam: the seeded series start today.
const NOW = "2026-01-05T08:00:00Z";

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!)
    .replace(/\s+/g, " ")
    .trim();

/** A table of the page as rows of cell texts: the header, the body rows and the footer. */
function table(html: string, id: string): string[][] {
  const found = new RegExp(`<table[^>]* id="table-${id}">([\\s\\S]*?)</table>`).exec(html);
  if (!found) throw new Error(`no table ${id}`);
  return [...found[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => strip(cell[1]!)));
}

const caption = (html: string, id: string) => strip(new RegExp(`<table[^>]* id="table-${id}">\\s*<caption>([\\s\\S]*?)</caption>`).exec(html)?.[1] ?? "");

const personal = {
  name: "Zebulon Quartermaine",
  email: "zebulon@example.org",
  phone: "0612345678",
  note: "Kamer 12 in het AZC",
};
const referrer = { orgType: "refugee-council", orgName: "Stichting Noorderlicht Hulp", name: "Rosalind Brightwater", email: "rosalind@noorderlicht.test", contactViaReferrer: true };
const everythingPersonal = [personal.name, "Zebulon", "Quartermaine", personal.email, personal.phone, "Kamer 12", referrer.orgName, "Noorderlicht", referrer.name, "Rosalind", referrer.email];

/** Bookings in four offices, three months of 2026 and one in 2027, with every channel and outcome. */
async function seedBookings(app: Awaited<ReturnType<typeof buildTestApp>>["app"], db: Awaited<ReturnType<typeof buildTestApp>>["db"]) {
  const made = [
    // Zwolle: Tuesdays 10:00 and Thursdays 13:00 (Amsterdam).
    await book(app, "zwolle", "2026-01-06T09:00:00Z", { ...personal, language: "ar", channel: "SELF" }),
    await book(app, "zwolle", "2026-01-08T12:00:00Z", { ...personal, language: "fa", interpreterNeeded: true, channel: "CASEWORKER", referrer }),
    await book(app, "zwolle", "2026-03-03T09:00:00Z", { ...personal, language: "ru", channel: "STAFF" }),
    // Summer time: 10:00 in Amsterdam is 08:00 UTC.
    await book(app, "zwolle", "2026-07-07T08:00:00Z", { ...personal, language: "ar", channel: "WALK_IN" }),
    // Den Haag: Wednesday 09:30, two places.
    await book(app, "den-haag", "2026-01-07T08:30:00Z", { ...personal, language: "fa", interpreterNeeded: true }),
    await book(app, "den-haag", "2026-01-07T08:30:00Z", { ...personal, language: "en" }),
    await book(app, "den-haag", "2026-03-04T08:30:00Z", { ...personal, language: "ti", interpreterNeeded: true, channel: "CASEWORKER", referrer: { ...referrer, orgType: "municipality" } }),
    // Tilburg: Wednesday 13:00.
    await book(app, "tilburg", "2026-03-04T12:00:00Z", { ...personal, language: "ar", interpreterNeeded: true, channel: "CASEWORKER", referrer }),
    // Amsterdam, next year.
    await book(app, "amsterdam", "2027-01-05T09:00:00Z", { ...personal, language: "uk", channel: "STAFF" }),
  ];
  const [z1, z2, z3, , h1, h2, , ti] = made;
  const at = new Date("2026-03-10T10:00:00Z");
  await db.booking.updateMany({ where: { id: { in: [z1!.id, h1!.id, ti!.id] } }, data: { status: "ATTENDED", outcomeAt: at } });
  await db.booking.update({ where: { id: z2!.id }, data: { status: "NO_SHOW", outcomeAt: at } });
  await db.booking.updateMany({ where: { id: { in: [z3!.id, h2!.id] } }, data: { status: "CANCELLED", seat: null, cancelledAt: at, cancelledBy: "client" } });
  return made;
}

const lang = (code: string) => languageLabel(code, "en");

const expected2026 = {
  months: [
    ["Month", "Amsterdam", "Den Haag (hoofdkantoor)", "Tilburg", "Zwolle — Wijkcentrum Holtenbroek", "Total"],
    ["January", "0", "2", "0", "2", "4"],
    ["February", "0", "0", "0", "0", "0"],
    ["March", "0", "1", "1", "1", "3"],
    ["April", "0", "0", "0", "0", "0"],
    ["May", "0", "0", "0", "0", "0"],
    ["June", "0", "0", "0", "0", "0"],
    ["July", "0", "0", "0", "1", "1"],
    ["August", "0", "0", "0", "0", "0"],
    ["September", "0", "0", "0", "0", "0"],
    ["October", "0", "0", "0", "0", "0"],
    ["November", "0", "0", "0", "0", "0"],
    ["December", "0", "0", "0", "0", "0"],
    ["Total", "0", "3", "1", "4", "8"],
  ],
  languages: [["Language", "Bookings"], [lang("ar"), "3"], [lang("fa"), "2"], [lang("en"), "1"], [lang("ru"), "1"], [lang("ti"), "1"], ["Total", "8"]],
  interpreter: [["Interpreter needed", "Bookings"], ["Yes", "4"], ["No", "4"], ["Total", "8"]],
  channels: [["Channel", "Bookings"], ["Client online", "3"], ["Caseworker", "3"], ["Staff (phone)", "1"], ["Walk-in", "1"], ["Total", "8"]],
  "org-types": [
    ["Type of organisation", "Bookings"],
    ["Refugee council (VluchtelingenWerk)", "2"],
    ["Municipality", "1"],
    ["Church", "0"],
    ["Women's shelter", "0"],
    ["Salvation Army", "0"],
    ["Neighbourhood team", "0"],
    ["Other organisation", "0"],
    ["Total", "3"],
  ],
  outcomes: [["Outcome", "Bookings"], ["Attended", "3"], ["Did not come (no-show)", "1"], ["Cancelled", "2"], ["Still planned", "2"], ["Total", "8"]],
};

const tablesOf = (html: string) => Object.fromEntries(Object.keys(expected2026).map((id) => [id, table(html, id)]));

t.test("only administrators see the statistics; others get 403, visitors are sent to sign in", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const { browser: officer } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const { browser: reception } = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  for (const url of ["/staff/statistics", "/staff/statistics.csv", "/staff/statistics?year=2026", "/staff/statistics.csv?year=2026&office=1"]) {
    for (const [who, browser] of [["officer", officer], ["reception", reception]] as const) {
      const response = await browser.get(url);
      t.equal(response.statusCode, 403, `${who}: ${url}`);
      t.notMatch(response.body, "Bookings per office", `${who} sees no figures at ${url}`);
    }
    const anonymous = await app.inject({ method: "GET", url });
    t.equal(anonymous.statusCode, 303, `anonymous: ${url}`);
    t.equal(anonymous.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
  }
  t.notMatch((await officer.get("/staff")).body, 'href="/staff/statistics"', "no menu entry for officers");
  const home = await admin.get("/staff");
  t.match(home.body, '<a href="/staff/statistics">Statistics</a>', "a menu entry for admins");
  t.match((await admin.get("/staff/statistics")).body, '<a href="/staff/statistics" aria-current="page">Statistics</a>');
});

t.test("the page counts bookings per office and month, language, interpreter, channel and outcome", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const page = await admin.get("/staff/statistics");
  t.equal(page.statusCode, 200);
  t.same(tablesOf(page.body), expected2026);
  t.match(mainText(page.body), "Bookings in 2026 (All offices): 8.");
  t.equal(caption(page.body, "months"), "Bookings per office and month, 2026 (All offices)");
  t.equal(caption(page.body, "languages"), "Bookings by conversation language, 2026 (All offices)");
  t.match(page.body, '<option value="2026" selected>2026</option>', "the current Amsterdam year by default");
  t.match(page.body, '<option value="2027">2027</option>', "years with bookings can be chosen");
  t.match(page.body, '<a href="/staff/statistics.csv?year=2026&amp;office=" download>');
  // Every table has its row and column headers marked up.
  t.equal((page.body.match(/<caption>/g) ?? []).length, 6);
  t.equal((page.body.match(/<th scope="col"/g) ?? []).length, 6 + 5 * 2);
  t.notMatch(page.body, /<th>/, "no header cell without scope");

  for (const text of everythingPersonal) t.notMatch(page.body, text, `no "${text}" on the page`);
  const codes = (await db.booking.findMany({ select: { code: true } })).map((b) => b.code);
  for (const code of codes) t.notMatch(page.body, code, "no booking code on the page");
});

t.test("the charts are inline SVG without styles, one image each with a summary, labelled bars", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const page = await admin.get("/staff/statistics");
  const svgs = [...page.body.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  // Months and offices for the first table, one chart for each of the five others.
  t.equal(svgs.length, 7);
  t.notMatch(page.body, /\sstyle\s*=/i, "no style attribute anywhere on the page");
  t.notMatch(page.body, /<style/i, "no style element");
  t.notMatch(page.body, /<script/i, "no script");
  for (const svg of svgs) {
    t.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" aria-labelledby="(chart-[a-z-]+-\d)-title"/);
    const id = /aria-labelledby="([^"]+)"/.exec(svg)![1];
    t.match(svg, new RegExp(`<title id="${id}">Bar chart: [^<]+</title>`));
  }
  const titles = svgs.map((svg) => /<title[^>]*>([^<]*)<\/title>/.exec(svg)![1]);
  t.same(titles, [
    "Bar chart: Bookings per office and month, 2026 (All offices). Most: Jan (4). The table above has all figures.",
    "Bar chart: Bookings per office, 2026. Most: Zwolle — Wijkcentrum Holtenbroek (4). The table above has all figures.",
    `Bar chart: Bookings by conversation language, 2026 (All offices). Most: ${lang("ar")} (3). The table above has all figures.`,
    "Bar chart: Bookings with and without an interpreter, 2026 (All offices). Most: Yes (4). The table above has all figures.",
    "Bar chart: Bookings by channel, 2026 (All offices). Most: Client online (3). The table above has all figures.",
    "Bar chart: Bookings by caseworkers, by type of organisation, 2026 (All offices). Most: Refugee council (VluchtelingenWerk) (2). The table above has all figures.",
    "Bar chart: Bookings by outcome, 2026 (All offices). Most: Attended (3). The table above has all figures.",
  ]);
  // Each bar has its label and its count as text beside it: nothing depends on colour.
  const outcomes = svgs[6]!;
  const texts = [...outcomes.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  t.same(texts, ["Attended", "3", "Did not come (no-show)", "1", "Cancelled", "2", "Still planned", "2"]);
  const widths = [...outcomes.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
  t.same(widths, [584, 194.7, 389.3, 389.3], "bars in proportion, the longest filling the chart");
  const months = [...svgs[0]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  t.same(months.filter((_, i) => i % 2 === 1), ["4", "0", "3", "0", "0", "0", "1", "0", "0", "0", "0", "0"]);
});

t.test("the CSV has the same figures, semicolon separated with a byte-order mark", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const csv = await admin.get("/staff/statistics.csv?year=2026");
  t.equal(csv.statusCode, 200);
  t.equal(csv.headers["content-type"], "text/csv; charset=utf-8");
  t.equal(csv.headers["content-disposition"], 'attachment; filename="statistiek-2026.csv"');
  t.ok(csv.body.startsWith("\uFEFF"), "byte-order mark");
  const rows = csv.body.slice(1).split("\r\n").map((line) => (line === "" ? [] : line.split(";").map((cell) => cell.replace(/^"|"$/g, "").replace(/""/g, '"'))));
  const block = (rows2: string[][], caption: string) => [[], [caption], ...rows2];
  t.same(rows, [
    ["Spreekuur statistics", "2026", "All offices"],
    ...block(expected2026.months, "Bookings per office and month, 2026 (All offices)"),
    ...block(expected2026.languages, "Bookings by conversation language, 2026 (All offices)"),
    ...block(expected2026.interpreter, "Bookings with and without an interpreter, 2026 (All offices)"),
    ...block(expected2026.channels, "Bookings by channel, 2026 (All offices)"),
    ...block(expected2026["org-types"], "Bookings by caseworkers, by type of organisation, 2026 (All offices)"),
    ...block(expected2026.outcomes, "Bookings by outcome, 2026 (All offices)"),
    [],
  ]);
  for (const text of everythingPersonal) t.notMatch(csv.body, text, `no "${text}" in the CSV`);
  for (const { code } of await db.booking.findMany({ select: { code: true } })) t.notMatch(csv.body, code);

  // The same CSV in Dutch for a Dutch-speaking admin, with the office in the file name.
  const { browser: dutch } = await signedIn(app, db, { role: "ADMIN", email: "beheer@iom.test", locale: "nl" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const nl = await dutch.get(`/staff/statistics.csv?year=2026&office=${zwolle.id}`);
  t.equal(nl.headers["content-disposition"], 'attachment; filename="statistiek-2026-zwolle.csv"');
  const lines = nl.body.slice(1).split("\r\n");
  t.same(lines.slice(0, 5), [
    '"Statistiek Spreekuur";"2026";"Zwolle — Wijkcentrum Holtenbroek"',
    "",
    '"Afspraken per kantoor en maand, 2026 (Zwolle — Wijkcentrum Holtenbroek)"',
    '"Maand";"Zwolle — Wijkcentrum Holtenbroek"',
    '"januari";"2"',
  ]);
  t.ok(lines.includes('"Totaal";"4"'));
});

t.test("the year and office filters", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });

  const explicit = await admin.get("/staff/statistics?year=2026&office=");
  t.same(tablesOf(explicit.body), expected2026, "year=2026 and all offices is the default");

  const next = await admin.get("/staff/statistics?year=2027");
  t.equal(next.statusCode, 200);
  const tables = tablesOf(next.body);
  t.same(tables.months![1], ["January", "1", "0", "0", "0", "1"]);
  t.same(tables.months![13], ["Total", "1", "0", "0", "0", "1"]);
  t.same(tables.languages, [["Language", "Bookings"], [lang("uk"), "1"], ["Total", "1"]]);
  t.same(tables.channels, [["Channel", "Bookings"], ["Client online", "0"], ["Caseworker", "0"], ["Staff (phone)", "1"], ["Walk-in", "0"], ["Total", "1"]]);
  t.same(tables.outcomes, [["Outcome", "Bookings"], ["Attended", "0"], ["Did not come (no-show)", "0"], ["Cancelled", "0"], ["Still planned", "1"], ["Total", "1"]]);

  const empty = await admin.get("/staff/statistics?year=2031");
  t.equal(empty.statusCode, 200);
  t.same(table(empty.body, "languages"), [["Language", "Bookings"], ["No bookings."], ["Total", "0"]]);
  t.match(empty.body, '<option value="2031" selected>2031</option>');
  t.match(empty.body, "Bar chart: Bookings by outcome, 2031 (All offices). No bookings.");

  const one = await admin.get(`/staff/statistics?year=2026&office=${zwolle.id}`);
  t.equal(one.statusCode, 200);
  const z = tablesOf(one.body);
  t.same(z.months, [
    ["Month", "Zwolle — Wijkcentrum Holtenbroek"],
    ["January", "2"], ["February", "0"], ["March", "1"], ["April", "0"], ["May", "0"], ["June", "0"],
    ["July", "1"], ["August", "0"], ["September", "0"], ["October", "0"], ["November", "0"], ["December", "0"],
    ["Total", "4"],
  ]);
  t.same(z.languages, [["Language", "Bookings"], [lang("ar"), "2"], [lang("fa"), "1"], [lang("ru"), "1"], ["Total", "4"]]);
  t.same(z.interpreter, [["Interpreter needed", "Bookings"], ["Yes", "1"], ["No", "3"], ["Total", "4"]]);
  t.same(z.channels, [["Channel", "Bookings"], ["Client online", "1"], ["Caseworker", "1"], ["Staff (phone)", "1"], ["Walk-in", "1"], ["Total", "4"]]);
  t.same(z["org-types"]![1], ["Refugee council (VluchtelingenWerk)", "1"]);
  t.same(z.outcomes, [["Outcome", "Bookings"], ["Attended", "1"], ["Did not come (no-show)", "1"], ["Cancelled", "1"], ["Still planned", "1"], ["Total", "4"]]);
  t.match(one.body, `<option value="${zwolle.id}" selected>Zwolle — Wijkcentrum Holtenbroek</option>`);
  t.equal((one.body.match(/<svg /g) ?? []).length, 6, "no per-office chart for one office");

  // A new year in Amsterdam starts an hour before it does in UTC.
  clock.set("2026-12-31T23:30:00Z");
  const { browser: later } = await signedIn(app, db, { role: "ADMIN", email: "later@iom.test" });
  t.match((await later.get("/staff/statistics")).body, '<option value="2027" selected>2027</option>');
});

t.test("bad filters get a clear answer, never a server error", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const cases: Array<[string, string[]]> = [
    ["year=abc", ["Choose a year from the list."]],
    ["year=1999", ["Choose a year from the list."]],
    ["year=20266", ["Choose a year from the list."]],
    ["year=2026&year=2027", ["Choose a year from the list."]],
    ["year=%00", ["Choose a year from the list."]],
    ["office=999", ["Choose an office from the list."]],
    ["office=abc", ["Choose an office from the list."]],
    ["office=-1", ["Choose an office from the list."]],
    ["office=1%20OR%201=1", ["Choose an office from the list."]],
    ["year=x&office=0", ["Choose a year from the list.", "Choose an office from the list."]],
  ];
  for (const [query, messages] of cases) {
    const page = await admin.get(`/staff/statistics?${query}`);
    t.equal(page.statusCode, 422, query);
    const text = mainText(page.body);
    for (const message of messages) t.match(text, message, `${query}: ${message}`);
    t.notMatch(page.body, /<table/, `${query}: no figures`);
    t.match(page.body, 'aria-invalid="true"');
    const csv = await admin.get(`/staff/statistics.csv?${query}`);
    t.equal(csv.statusCode, 404, `${query}: CSV`);
    t.match(csv.headers["content-type"], "text/html");
  }
  t.equal((await admin.get("/staff/statistics?unknown=1&year=2026")).statusCode, 200, "unknown fields are ignored");
});

t.test("the figures are the same after the personal data is erased", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  await seedBookings(app, db);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const urls = ["/staff/statistics?year=2026", `/staff/statistics?year=2026&office=${zwolle.id}`, "/staff/statistics?year=2027"];
  const before = await Promise.all(urls.map(async (url) => tablesOf((await admin.get(url)).body)));
  const csvBefore = (await admin.get("/staff/statistics.csv?year=2026")).body;

  const erased = await db.booking.updateMany({
    data: { name: null, searchName: null, email: null, phone: null, note: null, referrerOrgName: null, referrerName: null, referrerEmail: null, emailKey: null, phoneKey: null, manageTokenSealed: null, erasedAt: new Date("2027-03-01T00:00:00Z") },
  });
  t.equal(erased.count, 9);
  const after = await Promise.all(urls.map(async (url) => tablesOf((await admin.get(url)).body)));
  t.same(after, before);
  t.same(after[0], expected2026);
  t.equal((await admin.get("/staff/statistics.csv?year=2026")).body, csvBefore);
});
