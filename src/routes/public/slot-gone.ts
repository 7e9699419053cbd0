// "This time was just taken" (409) or "this time cannot be booked" (404), with free times
// nearby to pick instead: the page both public booking forms answer when their slot is gone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Office } from "../../generated/prisma/client.ts";
import { pageLocale } from "../../plugins/locale.ts";
import type { SlotLinker } from "./office-view.ts";
import { alternativesFor, type SlotGone } from "./slot-offer.ts";

export interface GonePage {
  office: Office;
  startsAt: Date | null;
  reason: SlotGone;
  /** Where a free time leads: this form again, for that time. */
  link: SlotLinker;
  /** The page with every free time. */
  allTimes: string;
}

export async function renderSlotGone(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, page: GonePage) {
  const alternatives = await alternativesFor(app.db, page.office, page.startsAt, app.clock.now(), pageLocale(request), page.link);
  const html = await reply.viewAsync("public/slot-gone.eta", { office: page.office, reason: page.reason, alternatives, allTimes: page.allTimes });
  return reply.code(page.reason === "taken" ? 409 : 404).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
}
