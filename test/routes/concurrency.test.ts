import t from "tap";
import { searchNameOf } from "../../src/db/search-name.ts";
import { buildTestApp, type TestContext } from "../helpers/app.ts";
import { formBody, inputValue, slotLinks, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";

async function race(t: TestContext, officeSlug: string, requests: number) {
  const { app, db } = await buildTestApp(t, { now });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const officePage = await (await fetch(`${base}/en/offices/${officeSlug}`)).text();
  const href = slotLinks(officePage)[0]!;
  // Every client opened the form on their own device, so each has their own form key.
  const forms = await Promise.all(Array.from({ length: requests }, () => fetch(base + href).then((r) => r.text())));
  const responses = await Promise.all(
    forms.map((form, i) =>
      fetch(`${base}/en/offices/${officeSlug}/book`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: formBody({ ...validBooking, name: `Client ${i}`, slot: inputValue(form, "slot"), formKey: inputValue(form, "formKey") }),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
    ),
  );
  const startsAt = new Date(new URL(href, base).searchParams.get("slot")!);
  return { responses, db, startsAt };
}

t.test("50 clients racing for the last place of a capacity-1 slot: exactly one gets it", async (t) => {
  const { responses, db, startsAt } = await race(t, "zwolle", 50);
  const statuses = responses.map((r) => r.status);
  t.equal(statuses.filter((s) => s === 303).length, 1, "one booking succeeds");
  t.equal(statuses.filter((s) => s === 409).length, 49, "the others are told the time was taken");
  for (const r of responses.filter((r) => r.status === 409)) {
    t.match(r.body, "<h1>This time was just taken</h1>");
    t.match(r.body, "Please pick another time.");
  }
  t.equal(await db.booking.count({ where: { startsAt } }), 1, "one booking in the database");
});

t.test("a capacity-2 slot takes exactly two of 20 racing clients", async (t) => {
  const { responses, db, startsAt } = await race(t, "den-haag", 20);
  t.equal(responses.filter((r) => r.status === 303).length, 2);
  t.equal(responses.filter((r) => r.status === 409).length, 18);
  const seats = (await db.booking.findMany({ where: { startsAt }, select: { seat: true }, orderBy: { seat: "asc" } })).map((b) => b.seat);
  t.same(seats, [1, 2]);
});

t.test("the database itself refuses a second booking on the same seat", async (t) => {
  const { db } = await buildTestApp(t, { now });
  const office = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const row = (n: number) => ({
    code: `ABCDEFG${n}`,
    manageTokenHash: `hash-${n}`,
    officeId: office.id,
    startsAt: new Date("2026-12-01T09:00:00Z"),
    endsAt: new Date("2026-12-01T09:20:00Z"),
    seat: 1,
    channel: "SELF" as const,
    locale: "nl",
    language: "nl",
    interpreterNeeded: false,
    name: "x",
    searchName: searchNameOf("x"),
    createdAt: new Date(now),
  });
  await db.booking.create({ data: row(2) });
  await t.rejects(db.booking.create({ data: row(3) }), { code: "P2002" }, "unique (officeId, startsAt, seat)");
  // Cancelled bookings hold no seat, so any number of them can share a slot.
  await db.booking.create({ data: { ...row(4), seat: null, status: "CANCELLED" } });
  await db.booking.create({ data: { ...row(5), seat: null, status: "CANCELLED" } });
  t.equal(await db.booking.count(), 3);
});
