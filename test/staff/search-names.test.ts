// The staff search by name, on both engines: names are found however they are typed
// (case, Unicode forms, spaces), the database hands over only matching bookings and at
// most a page of them, LIKE's wildcards are plain characters, an erased name is not found
// any more, and bookings written before the folded copy existed get one at migration.
import t from "tap";
import type { Db } from "../../src/db/client.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { fillSearchNames } from "../../src/db/fill-search-names.ts";
import { foldName, searchNameOf } from "../../src/db/search-name.ts";
import { searchBookings, SEARCH_LIMIT } from "../../src/domain/agenda/search-bookings.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { onPostgres } from "../helpers/database.ts";

const now = "2026-11-30T08:00:00Z";


/** Bookings written straight to the table, one every 20 minutes back from `now`. */
async function addBookings(db: Db, names: Array<string | null>, options: { withSearchName?: boolean; firstMinute?: number } = {}) {
  const office = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const first = options.firstMinute ?? 0;
  const data = names.map((name, i): Prisma.BookingCreateManyInput => {
    const startsAt = new Date(Date.parse(now) - (first + i + 1) * 20 * 60_000);
    return {
      code: `T${first + i}`,
      manageTokenHash: `search-${first + i}`,
      officeId: office.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 20 * 60_000),
      seat: 1,
      status: "ATTENDED",
      channel: "SELF",
      locale: "nl",
      language: "ar",
      interpreterNeeded: false,
      name,
      ...(options.withSearchName === false ? {} : { searchName: searchNameOf(name) }),
      createdAt: new Date(now),
    };
  });
  await db.booking.createMany({ data });
  return office.id;
}

/** The client, and every booking row the search had the database hand over. */
function counting(db: Db) {
  const loaded: number[] = [];
  const client = db.$extends({
    query: {
      booking: {
        async findMany({ args, query }) {
          const rows = await query(args);
          for (const row of rows as Array<{ id: number }>) loaded.push(row.id);
          return rows;
        },
      },
    },
  }) as unknown as Db;
  return { client, loaded };
}

const others = Array.from({ length: 300 }, (_, i) => ["Fatima Haddad", "Олена Коваленко", "ተስፋይ ገብረሂወት", "Giorgi Beridze", "Ayşe Öztürk"][i % 5]!);

t.test("a name is found however it is typed, and only the matching booking is read", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const omer = await book(app, "zwolle", "2026-12-01T09:20:00Z", { name: "  Ömer   Yılmaz " });
  t.equal(omer.searchName, "ömer yılmaz", "the booking write stores the folded name");
  const zwolleId = await addBookings(db, others);
  const { client, loaded } = counting(db);
  for (const query of ["ömer", "ÖMER", "Ömer", "O\u0308MER", "ｏ\u0308ｍｅｒ", "ömer yılmaz", " ÖMER   YıLMAZ ", "\u00d6mer\u00a0Y"]) {
    loaded.length = 0;
    const result = await searchBookings(client, { officeIds: [zwolleId], query });
    t.same(result.rows.map((r) => r.name), ["  Ömer   Yılmaz "], `"${query}"`);
    t.equal(result.truncated, false);
    t.same([...new Set(loaded)], [omer.id], `"${query}" read no other booking`);
  }
  loaded.length = 0;
  t.same((await searchBookings(client, { officeIds: [zwolleId + 1], query: "ömer" })).rows, [], "another office's booking is not found");
  t.same(loaded, [], "and nothing was read");
});

t.test("more matches than a page: the newest page, marked truncated, and never the rest", async (t) => {
  const { db } = await buildTestApp(t, { now });
  const zwolleId = await addBookings(db, [...others.slice(0, 100), ...Array.from({ length: 70 }, (_, i) => `Amina ${i}`), ...others.slice(100)]);
  const { client, loaded } = counting(db);
  const result = await searchBookings(client, { officeIds: [zwolleId], query: "AMINA" });
  t.equal(result.rows.length, SEARCH_LIMIT);
  t.equal(result.truncated, true);
  t.same(result.rows.map((r) => r.name), Array.from({ length: SEARCH_LIMIT }, (_, i) => `Amina ${i}`), "newest appointment first");
  const aminas = new Set((await db.booking.findMany({ where: { name: { startsWith: "Amina" } }, select: { id: true } })).map((b) => b.id));
  t.ok(loaded.every((id) => aminas.has(id)), "every row read is a match");
  t.ok(new Set(loaded).size <= SEARCH_LIMIT + 1, `at most a page and one more (${new Set(loaded).size} read)`);
  const exact = await searchBookings(db, { officeIds: [zwolleId], query: "amina 6" });
  t.same(exact.rows.map((r) => r.name), ["Amina 6", "Amina 60", "Amina 61", "Amina 62", "Amina 63", "Amina 64", "Amina 65", "Amina 66", "Amina 67", "Amina 68", "Amina 69"]);
  t.equal(exact.truncated, false);
});

t.test("%, _ and \\ in a query are characters, not patterns", async (t) => {
  const { db } = await buildTestApp(t, { now });
  const names = ["100% Ali", "1000 Ali", "Sara_B", "SaraXB", "Back\\slash", "Backslash"];
  const zwolleId = await addBookings(db, names);
  const found = async (query: string) => (await searchBookings(db, { officeIds: [zwolleId], query })).rows.map((r) => r.name);
  t.same(await found("0%"), ["100% Ali"]);
  t.same(await found("%"), ["100% Ali"]);
  t.same(await found("a_b"), ["Sara_B"]);
  t.same(await found("_"), ["Sara_B"]);
  t.same(await found("k\\s"), ["Back\\slash"]);
  t.same(await found("\\"), ["Back\\slash"]);
  t.same(await found("ali"), ["100% Ali", "1000 Ali"]);
});

t.test("an erased booking is not found by its old name, only by its code, and keeps no folded name", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now });
  const gone = await book(app, "zwolle", "2026-12-01T09:00:00Z", { name: "Zebulon Quartermaine" });
  const stays = await book(app, "zwolle", "2027-01-12T09:00:00Z", { name: "Zebulon Later" });
  const search = (query: string) => searchBookings(db, { officeIds: [gone.officeId], query });
  t.same((await search("zebulon")).rows.map((r) => r.id), [stays.id, gone.id]);
  clock.set("2027-01-05T08:00:00Z");
  t.equal((await app.retention.runOnce()).bookings, 1);
  const erased = await db.booking.findUniqueOrThrow({ where: { id: gone.id } });
  t.same([erased.name, erased.searchName], [null, null]);
  t.same((await search("zebulon")).rows.map((r) => r.id), [stays.id], "the later booking only");
  t.same((await search("Quartermaine")).rows, []);
  t.same((await search(gone.code)).rows.map((r) => [r.id, r.name]), [[gone.id, null]], "by code, without a name");
});

t.test("bookings written without a folded name get one at migration, once", async (t) => {
  const { db, config } = await buildTestApp(t, { now });
  const names = [...Array.from({ length: 1_100 }, (_, i) => `Old ${i} ÇAĞLA`), null];
  const zwolleId = await addBookings(db, names, { withSearchName: false });
  // A name erased by an older server, which left its folded copy behind.
  await addBookings(db, [null], { firstMinute: 5_000 });
  await db.booking.updateMany({ where: { code: "T5000" }, data: { searchName: "stale copy" } });
  t.equal(await db.booking.count({ where: { searchName: null } }), names.length, "nothing folded yet but the stray copy");
  t.same((await searchBookings(db, { officeIds: [zwolleId], query: "çağla" })).rows, [], "not found before");

  t.equal(await fillSearchNames(config.databaseUrl), 1_100, "every named booking, in batches");
  const rows = await db.booking.findMany({ select: { name: true, searchName: true } });
  t.ok(rows.every((r) => r.searchName === (r.name === null ? null : foldName(r.name))), "each holds its folded name; unnamed ones none");
  t.equal(await db.booking.count({ where: { code: "T5000", searchName: null } }), 1, "the stray copy is gone");
  const found = await searchBookings(db, { officeIds: [zwolleId], query: "OLD 1 çağla" });
  t.same(found.rows.map((r) => r.name), ["Old 1 ÇAĞLA"]);
  t.equal(await fillSearchNames(config.databaseUrl), 0, "a second run fills nothing");
});

// The trigram index exists only on PostgreSQL: the shared schema carries it as a
// `// postgresql:` line that the PostgreSQL schema turns into an index.
if (onPostgres) t.test("on PostgreSQL a trigram index serves the search for part of a name", async (t) => {
  const { db } = await buildTestApp(t, { now });
  const indexes = await db.$queryRawUnsafe<Array<{ indexdef: string }>>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'Booking' AND indexname = 'Booking_searchName_trgm_idx'`);
  t.match(indexes[0]?.indexdef ?? "", /USING gin \("searchName" gin_trgm_ops\)/);
  // With Unicode character classes every script has trigrams, so the index narrows an
  // Arabic or Tigrinya query as it does a Latin one.
  const trigrams = await db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT cardinality(show_trgm('ተስፋይ محمد')) AS n`);
  t.ok(Number(trigrams[0]?.n) >= 6, "names in Ge'ez and Arabic script have trigrams");
});
