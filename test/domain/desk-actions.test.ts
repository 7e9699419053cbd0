import t from "tap";
import { recordDeskAction } from "../../src/domain/booking/record-outcome.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot } from "../helpers/forms.ts";

t.test("check-in, outcome and undo are idempotent and audited", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z");
  const { id } = await db.booking.findFirstOrThrow();
  clock.set("2026-12-01T08:55:00Z");
  const actor = { type: "staff" as const, id: 7 };
  const act = (action: "check-in" | "attended" | "no-show" | "undo") => recordDeskAction(app.deps, { actor, bookingId: id, action }, clock.now());
  const state = async () => {
    const b = await db.booking.findUniqueOrThrow({ where: { id } });
    return [b.status, b.checkedInAt?.toISOString() ?? null, b.outcomeAt?.toISOString() ?? null];
  };

  t.match(await act("check-in"), { kind: "done", changed: true });
  t.same(await state(), ["BOOKED", "2026-12-01T08:55:00.000Z", null]);
  clock.advance(60_000);
  t.match(await act("check-in"), { kind: "done", changed: false }, "a second check-in changes nothing");
  t.same(await state(), ["BOOKED", "2026-12-01T08:55:00.000Z", null], "the first arrival time stays");
  t.match(await act("attended"), { changed: true });
  t.same(await state(), ["ATTENDED", "2026-12-01T08:55:00.000Z", "2026-12-01T08:56:00.000Z"]);
  t.match(await act("undo"), { changed: true });
  t.same(await state(), ["BOOKED", "2026-12-01T08:55:00.000Z", null], "undo removes the outcome first");
  t.match(await act("undo"), { changed: true });
  t.same(await state(), ["BOOKED", null, null], "then the check-in");
  t.match(await act("undo"), { changed: false });
  t.match(await act("no-show"), { kind: "not-started" }, "nobody is a no-show before the appointment's time");
  t.same(await state(), ["BOOKED", null, null], "and nothing changed");
  clock.set("2026-12-01T09:00:00Z");
  t.match(await act("no-show"), { changed: true }, "from the start time on");
  t.same(await state(), ["NO_SHOW", null, "2026-12-01T09:00:00.000Z"]);
  const audit = await db.auditEntry.findMany({ where: { entityType: "booking", entityId: id, actorType: "staff" }, orderBy: { id: "asc" } });
  t.same(audit.map((a) => a.action), ["booking.check-in", "booking.attended", "booking.undo", "booking.undo", "booking.no-show"]);
  t.equal(await recordDeskAction(app.deps, { actor, bookingId: 999, action: "check-in" }, clock.now()).then((r) => r.kind), "not-found");
});

t.test("nothing is marked before the day of the appointment (Amsterdam days); a mark can always be undone", async (t) => {
  // Monday 30 November, 23:30 in Amsterdam: the appointment is on Tuesday.
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z");
  const { id } = await db.booking.findFirstOrThrow();
  clock.set("2026-11-30T22:30:00Z");
  const actor = { type: "staff" as const, id: 7 };
  const act = (action: "check-in" | "attended" | "no-show" | "undo") => recordDeskAction(app.deps, { actor, bookingId: id, action }, clock.now());
  for (const action of ["check-in", "attended", "no-show"] as const) t.same(await act(action), { kind: "too-early" }, action);
  t.match(await db.booking.findUniqueOrThrow({ where: { id } }), { status: "BOOKED", checkedInAt: null, outcomeAt: null });
  // A mark made before this rule existed can still be taken back.
  await db.booking.update({ where: { id }, data: { status: "NO_SHOW", outcomeAt: clock.now() } });
  t.match(await act("undo"), { kind: "done", changed: true });
  t.match(await db.booking.findUniqueOrThrow({ where: { id } }), { status: "BOOKED", outcomeAt: null });
  clock.set("2026-11-30T23:00:00Z"); // midnight in Amsterdam: Tuesday has come
  t.match(await act("check-in"), { kind: "done", changed: true });
});
