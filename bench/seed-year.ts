// A realistic year for measurements: the four offices with three weekly sessions each
// (9 slots of 20 minutes, two places), 12 weeks of horizon, 5,000 bookings in the past
// and 1,000 in the coming weeks, and a reception account.
import { randomBytes } from "node:crypto";
import type { Db } from "../src/db/client.ts";
import { seedDatabase } from "../src/domain/install/seed.ts";
import { loadAvailability } from "../src/domain/availability/load-availability.ts";
import { addDays, localDateOf } from "../src/local-date.ts";
import { newBookingCode } from "../src/domain/booking/booking-code.ts";
import { hashPassword } from "../src/domain/accounts/passwords.ts";
import type { Clock } from "../src/clock.ts";
import { searchNameOf } from "../src/db/search-name.ts";

export const BENCH_PASSWORD = "bench password for reception";
const languages = ["ar", "fa", "prs", "ps", "ru", "uk", "sq", "hbs", "mn", "ka", "tr", "fr", "es", "ti", "nl", "en"];
const channels = ["SELF", "SELF", "SELF", "CASEWORKER", "STAFF", "WALK_IN"] as const;

export async function seedYear(db: Db, clock: Clock, counts = { past: 5000, future: 1000 }) {
  const now = clock.now();
  const today = localDateOf(now, "Europe/Amsterdam");
  await seedDatabase(db, clock);
  await db.consultationSeries.deleteMany();
  const offices = await db.office.findMany({ orderBy: { id: "asc" } });
  for (const [i, office] of offices.entries()) {
    await db.consultationSeries.create({
      data: {
        officeId: office.id,
        weekdays: ["1,3,5", "2,4,5", "1,2,4", "2,3,5"][i % 4]!,
        startTime: "10:00",
        endTime: "13:00",
        slotMinutes: 20,
        capacity: 2,
        validFrom: addDays(today, -400),
        horizonDays: 84,
        minNoticeMinutes: 120,
        createdAt: now,
      },
    });
  }
  const place = async (from: string, to: string, wanted: number, past: boolean) => {
    const places: Array<{ officeId: number; startsAt: Date; endsAt: Date; seat: number }> = [];
    for (const office of offices) {
      const sessions = await loadAvailability(db, office, { from, to }, past ? new Date(Date.UTC(2000, 0, 1)) : now);
      for (const s of sessions) for (const slot of s.slots) for (let seat = 1; seat <= slot.capacity; seat++) places.push({ officeId: office.id, startsAt: slot.startsAt, endsAt: slot.endsAt, seat });
    }
    // Spread the bookings evenly over the places, leaving the rest free.
    const step = places.length / wanted;
    return Array.from({ length: Math.min(wanted, places.length) }, (_, i) => places[Math.floor(i * step)]!);
  };
  const rows = [
    ...(await place(addDays(today, -365), addDays(today, -1), counts.past, true)).map((p, i) => ({ ...p, past: true, i })),
    ...(await place(addDays(today, 1), addDays(today, 84), counts.future, false)).map((p, i) => ({ ...p, past: false, i })),
  ];
  for (let start = 0; start < rows.length; start += 500) {
    await db.booking.createMany({
      data: rows.slice(start, start + 500).map((r) => {
        const outcome = !r.past ? "BOOKED" : r.i % 7 === 0 ? "CANCELLED" : r.i % 6 === 0 ? "NO_SHOW" : "ATTENDED";
        return {
          code: newBookingCode(),
          manageTokenHash: randomBytes(32).toString("hex"),
          officeId: r.officeId,
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          seat: outcome === "CANCELLED" ? null : r.seat,
          status: outcome,
          channel: channels[r.i % channels.length]!,
          locale: "nl",
          language: languages[r.i % languages.length]!,
          interpreterNeeded: r.i % 3 === 0,
          name: `Client ${r.i}`,
          searchName: searchNameOf(`Client ${r.i}`),
          createdAt: now,
        };
      }),
    });
  }
  const zwolle = offices.find((o) => o.slug === "zwolle")!;
  await db.staffUser.create({
    data: {
      email: "desk@bench.test",
      name: "Reception",
      role: "RECEPTION",
      passwordHash: await hashPassword(BENCH_PASSWORD),
      createdAt: now,
      offices: { create: offices.map((o) => ({ officeId: o.id })) },
    },
  });
  return { offices, zwolle, bookings: rows.length };
}
