// The calling screen of an office: a page in the waiting room, opened by a secret link
// without signing in. The link carries 256 random bits; the database keeps only their
// SHA-256, so a copy of the database opens no screen. A new link replaces the old one at
// once. The screen shows numbers and desks, never a name.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { localDateOf } from "../../local-date.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import { ticketLabel } from "./ticket-label.ts";

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const hashScreenToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes (or replaces) the office's screen link; returns the secret token, to be shown once. */
export async function issueScreenLink(db: Db, input: { actor: Actor; officeId: number }, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashScreenToken(token);
  await db.$transaction(async (tx) => {
    const had = await tx.callingScreen.findUnique({ where: { officeId: input.officeId } });
    await tx.callingScreen.upsert({ where: { officeId: input.officeId }, create: { officeId: input.officeId, tokenHash, createdAt: now }, update: { tokenHash, createdAt: now } });
    await recordAudit(tx, { actor: input.actor, action: "office.screen-link", entityType: "office", entityId: input.officeId, officeId: input.officeId, detail: { replaced: Boolean(had) } }, now);
  });
  return token;
}

export async function screenLinkMadeAt(db: Db, officeId: number): Promise<Date | null> {
  return (await db.callingScreen.findUnique({ where: { officeId } }))?.createdAt ?? null;
}

/** The office a screen link opens, or null (unknown, replaced, or an inactive office). */
export async function findScreenOffice(db: Db, token: string) {
  if (!tokenPattern.test(token)) return null;
  const screen = await db.callingScreen.findUnique({ where: { tokenHash: hashScreenToken(token) }, include: { office: true } });
  return screen?.office.active ? screen.office : null;
}

export interface ScreenCall {
  /** Changes with every call and recall: the screen sounds its tone when it does. */
  id: string;
  number: string;
  to: string;
}

/** Today's calls at the office, newest first: the one being called and a few before it. */
export async function screenCalls(db: Db, office: { id: number; slug: string; timeZone: string }, now: Date, count = 5): Promise<ScreenCall[]> {
  const tickets = await db.queueTicket.findMany({
    where: { officeId: office.id, date: localDateOf(now, office.timeZone), calledAt: { not: null } },
    orderBy: [{ calledAt: "desc" }, { id: "desc" }],
    take: count,
    select: { id: true, number: true, calledTo: true, calls: true },
  });
  return tickets.map((t) => ({ id: `${t.id}.${t.calls}`, number: ticketLabel(office, t.number), to: t.calledTo ?? "" }));
}
