// The read cache is trusted only until one of its tables is written, in any way.
import t from "tap";
import { ReadCache } from "../../src/db/read-cache.ts";
import { freshDatabase } from "../helpers/app.ts";

t.test("a cached read is dropped by a write to one of its tables, and only then", async (t) => {
  const { db, clock } = await freshDatabase(t);
  let reads = 0;
  const cache = new ReadCache<number>(db, ["Office"], 60_000);
  const read = () => cache.get("offices", clock.now(), async () => {
    reads++;
    return db.office.count();
  });
  t.equal(await read(), 4);
  t.equal(await read(), 4);
  t.equal(reads, 1, "read once");

  await db.staffSession.deleteMany();
  await db.consultationSeries.updateMany({ data: { capacity: 1 } });
  await read();
  t.equal(reads, 1, "writes to other tables leave it");

  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.office.update({ where: { id: zwolle.id }, data: { active: true } });
  await read();
  t.equal(reads, 2, "an update of the table drops it");

  await t.rejects(
    db.$transaction(async (tx) => {
      await tx.office.update({ where: { id: zwolle.id }, data: { phone: "1" } });
      throw new Error("no");
    }),
  );
  await read();
  t.equal(reads, 2, "a rolled-back transaction changes nothing");

  await db.$transaction(async (tx) => {
    await tx.office.create({ data: { slug: "x", name: "X", street: "s", postalCode: "1234 AB", city: "c", createdAt: clock.now() } });
  });
  t.equal(await read(), 5);
  t.equal(reads, 3, "a committed transaction that wrote it drops it");

  await db.$executeRawUnsafe('DELETE FROM "Office" WHERE slug = \'x\'');
  t.equal(await read(), 4, "raw SQL counts too");

  clock.advance(61_000);
  await read();
  t.equal(reads, 5, "and nothing is kept past its time to live");
});
