// People waiting for a place in a full session of today or tomorrow: a name or alias, the
// language and whether an interpreter is needed, and — only if they want a freed place
// offered by message — a phone number or email address; erased with the rest of the day's
// personal data. Freed places are offered to them in order (waiting-offers.ts).
import type { Tx } from "../../db/client.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import type { LocalDate } from "../../local-date.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { phoneKey } from "../booking/contact-keys.ts";
import { withdrawOfferOf } from "./end-offers.ts";
import { retryOnConflict } from "../../db/errors.ts";

export type WaitingStatus = "waiting" | "seen" | "left";

export interface NewWaiting {
  actor: Actor;
  officeId: number;
  date: LocalDate;
  sessionStart: string;
  name: string;
  language: string;
  interpreterNeeded: boolean;
  /** How to reach them when a place is freed (waiting-offers.ts); all may be absent. */
  phone: string | null;
  smsConsent: boolean;
  email: string | null;
  /** The language their messages are written in. */
  locale: string;
  /** The form's one-time key: sending the same form again finds the entry it added. */
  formKey: string;
}

/**
 * Whether the office holds a session that starts at `sessionStart` on `date` and is not
 * over yet: only such a session can have people waiting for it.
 */
export async function sessionStillOpen(db: Tx, office: OfficeRef, date: LocalDate, sessionStart: string, now: Date): Promise<boolean> {
  const states = await loadAvailability(db, office, { from: date, to: date }, now);
  return states.some((s) => s.session.startTime === sessionStart && s.session.endsAt.getTime() > now.getTime());
}

export async function addToWaitingList(deps: DomainDeps, input: NewWaiting, now: Date) {
  return deps.db.$transaction(async (tx) => {
    const earlier = await tx.waitingListEntry.findUnique({ where: { formKey: input.formKey } });
    if (earlier) return earlier.officeId === input.officeId ? earlier : null;
    const entry = await tx.waitingListEntry.create({
      data: {
        officeId: input.officeId,
        date: input.date,
        sessionStart: input.sessionStart,
        name: input.name,
        language: input.language,
        interpreterNeeded: input.interpreterNeeded,
        phone: input.phone,
        phoneKey: phoneKey(input.phone),
        smsConsent: input.phone !== null && input.smsConsent,
        email: input.email,
        locale: input.locale,
        formKey: input.formKey,
        createdAt: now,
      },
    });
    await recordAudit(tx, { actor: input.actor, action: "waiting.added", entityType: "waiting", entityId: entry.id, officeId: input.officeId }, now);
    return entry;
  });
}

/**
 * Sets the status of an entry at this office; false when there is no such entry. A place
 * offered to them now goes to the next person (they left, or were seen after all).
 */
export async function setWaitingStatus(deps: DomainDeps, input: { actor: Actor; officeId: number; entryId: number; status: WaitingStatus }, now: Date) {
  return retryOnConflict(() => deps.db.$transaction(async (tx) => {
    const entry = await tx.waitingListEntry.findUnique({ where: { id: input.entryId }, select: { officeId: true } });
    if (entry?.officeId !== input.officeId) return false;
    // The offer first, then the entry: the order every offer's transaction keeps.
    await withdrawOfferOf(tx, deps, input.entryId, now);
    // Someone who took a freed place has a booking now: that is where they are followed.
    const { count } = await tx.waitingListEntry.updateMany({ where: { id: input.entryId, officeId: input.officeId, status: { not: "booked" } }, data: { status: input.status } });
    if (count === 0) return false;
    // A place offered to them in the meantime (a cancellation just now) goes on too.
    await withdrawOfferOf(tx, deps, input.entryId, now);
    await recordAudit(tx, { actor: input.actor, action: `waiting.${input.status}`, entityType: "waiting", entityId: input.entryId, officeId: input.officeId }, now);
    return true;
  }));
}

/** A waiting-list entry of this office; null for an id that is not one of its entries. */
export async function findWaitingEntry(db: Tx, officeId: number, id: number) {
  const entry = await db.waitingListEntry.findUnique({ where: { id } });
  return entry && entry.officeId === officeId ? entry : null;
}
