// The four offices with realistic consultation hours, on a fresh install only: once any
// office exists, the administrator owns the list (a renamed or removed office never
// comes back on a restart). The offices and their series are made in one transaction,
// so a start that dies half-way leaves none. The addresses are starting values for the
// administrator to confirm; the phone, email and desk hours are placeholders (the head
// office's switchboard for every office), marked unconfirmed (contactConfirmedAt null)
// so the office pages tell the administrator until they save each office.
import type { Clock } from "../../clock.ts";
import { hashPassword, readablePassword } from "../accounts/passwords.ts";
import { localDateOf } from "../../local-date.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { officeTextDrafts } from "./office-text-drafts.ts";

interface OfficeSeed {
  slug: string;
  name: string;
  isHeadOffice?: boolean;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  deskHours: string;
  directions?: string;
  series: Array<{ weekdays: string; startTime: string; endTime: string; slotMinutes: number; capacity: number }>;
}

/** Placeholders until an administrator confirms each office's own: the head office's switchboard, weekdays 9 to 5. */
const placeholderContact = {
  phone: "070 318 15 00",
  email: "info.nl@iom.int",
  deskHours: "1=09:00-17:00;2=09:00-17:00;3=09:00-17:00;4=09:00-17:00;5=09:00-17:00",
};

export const officeSeeds: OfficeSeed[] = [
  {
    slug: "den-haag",
    name: "Den Haag (hoofdkantoor)",
    isHeadOffice: true,
    street: "Laan van Nieuw Oost-Indië 1",
    postalCode: "2593 BH",
    city: "Den Haag",
    ...placeholderContact,
    directions: "Tram 2 of 6 tot halte Laan van Nieuw Oost-Indië; vijf minuten lopen van station Den Haag Laan van NOI. Meld u bij de receptie op de begane grond.",
    series: [{ weekdays: "1,3", startTime: "09:30", endTime: "12:30", slotMinutes: 30, capacity: 2 }],
  },
  {
    slug: "zwolle",
    name: "Zwolle — Wijkcentrum Holtenbroek",
    street: "Rembrandtlaan 2",
    postalCode: "8031 RK",
    city: "Zwolle",
    ...placeholderContact,
    directions: "Bus 1 vanaf station Zwolle tot halte Holtenbroek Centrum. Meld u bij de balie van het wijkcentrum en zeg dat u een afspraak op het spreekuur hebt.",
    series: [
      { weekdays: "2", startTime: "10:00", endTime: "12:00", slotMinutes: 20, capacity: 1 },
      { weekdays: "4", startTime: "13:00", endTime: "15:00", slotMinutes: 20, capacity: 1 },
    ],
  },
  {
    slug: "tilburg",
    name: "Tilburg",
    street: "Spoorlaan 444",
    postalCode: "5038 CH",
    city: "Tilburg",
    ...placeholderContact,
    directions: "Vijf minuten lopen van station Tilburg. Meld u bij de receptie.",
    series: [{ weekdays: "3", startTime: "13:00", endTime: "16:00", slotMinutes: 30, capacity: 1 }],
  },
  {
    slug: "amsterdam",
    name: "Amsterdam",
    street: "Wibautstraat 150",
    postalCode: "1091 GR",
    city: "Amsterdam",
    ...placeholderContact,
    directions: "Metro 51, 53 of 54 tot station Wibautstraat. Meld u bij de receptie.",
    series: [{ weekdays: "2,5", startTime: "10:00", endTime: "13:00", slotMinutes: 20, capacity: 2 }],
  },
];

export interface SeedOptions {
  /** Create this administrator when there is no staff account at all. */
  admin?: { email: string; password: string | null };
}

export interface SeedResult {
  officesCreated: number;
  /** Set when the first administrator was made; `password` only when it was generated. */
  admin?: { email: string; generatedPassword: string | null };
}

function anotherServerSeeded(error: unknown): null {
  if (isUniqueViolation(error)) return null;
  throw error;
}

export async function seedDatabase(db: Db, clock: Clock, options: SeedOptions = {}): Promise<SeedResult> {
  const now = clock.now();
  const today = localDateOf(now, "Europe/Amsterdam");
  let officesCreated = 0;
  // Several app servers may start on a new database at once: the first to commit seeds,
  // the others' inserts fail on the unique slug or email and change nothing.
  if ((await db.office.count()) === 0) {
    const seeded = await db.$transaction(async (tx) => {
      for (const { series, ...fields } of officeSeeds) {
        const office = await tx.office.create({ data: { ...fields, contactConfirmedAt: null, createdAt: now } });
        const drafts = officeTextDrafts[office.slug] ?? {};
        await tx.officeText.createMany({
          data: Object.entries(drafts).map(([locale, text]) => ({ officeId: office.id, locale, ...text, machineDraft: true })),
        });
        await tx.consultationSeries.createMany({
          data: series.map((s) => ({
            ...s,
            officeId: office.id,
            validFrom: today,
            horizonDays: 84,
            minNoticeMinutes: 120,
            createdAt: now,
          })),
        });
      }
      return true;
    }).catch(anotherServerSeeded);
    if (seeded) officesCreated = officeSeeds.length;
  }
  const result: SeedResult = { officesCreated };
  if (options.admin && (await db.staffUser.count()) === 0) {
    const generated = options.admin.password ? null : readablePassword();
    const created = await db.staffUser.create({
      data: {
        email: options.admin.email,
        name: "Administrator",
        role: "ADMIN",
        passwordHash: await hashPassword(options.admin.password ?? generated!),
        // A password printed on a terminal is replaced at the first sign-in.
        mustChangePassword: generated !== null,
        createdAt: now,
      },
    }).catch(anotherServerSeeded);
    if (created) result.admin = { email: options.admin.email, generatedPassword: generated };
  }
  return result;
}
