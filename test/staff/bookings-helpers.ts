// Shared by the staff booking tests: bookings made through the public form, and the
// rows of the tables on staff pages as plain text.
import type { FastifyInstance } from "fastify";
import type { Db } from "../../src/db/client.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";

/** Books `slot` (a UTC instant) at an office through the public form; returns the stored booking. */
export async function bookPublic(app: FastifyInstance, db: Db, slug: string, slot: string, fields: Partial<typeof validBooking> & Record<string, string> = {}) {
  const { response, token } = await bookSlot(app, `/en/offices/${slug}/book?slot=${slot}`, { ...validBooking, ...fields });
  if (response.statusCode !== 303) throw new Error(`booking ${slug} ${slot} answered ${response.statusCode}`);
  const booking = await db.booking.findFirstOrThrow({ where: { startsAt: new Date(slot), office: { slug } }, orderBy: { id: "desc" } });
  return { booking, token };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** Each body row of every table in the page (or of the first table after `after`), as cell texts. */
export function tableRows(html: string, after = ""): string[][] {
  const start = after ? html.indexOf(after) : 0;
  if (start < 0) throw new Error(`"${after}" is not in the page`);
  const part = html.slice(start);
  const table = after ? (/<table[\s\S]*?<\/table>/.exec(part)?.[0] ?? "") : part;
  return [...table.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap((body) =>
    [...body[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1]!))),
  );
}

/** The status message shown after an action. */
export function statusMessage(html: string): string | null {
  const match = /<(p|div) class="(?:success|notice)" role="status">([\s\S]*?)<\/\1>/.exec(html);
  return match ? text(match[2]!) : null;
}
