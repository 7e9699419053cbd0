// An administrator adds a consultation location or changes one. The slug is the office's
// address in public URLs (/nl/offices/<slug>), so it is unique; the unique index decides
// when two requests race for the same one. Saving confirms the contact details (the
// seed's are placeholders) and writes the office's texts in other languages: a text left
// as it was keeps its machine-draft mark, a changed one is the administrator's own.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Tx } from "../../db/client.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";

export interface OfficeFields {
  slug: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string | null;
  email: string | null;
  deskHours: string | null;
  directions: string | null;
  active: boolean;
}

/** The name and directions in one language; both null removes the language's text. */
export interface OfficeTextFields {
  locale: string;
  name: string | null;
  directions: string | null;
}

export type SaveOfficeResult = { kind: "saved"; office: Office } | { kind: "slug-taken" } | { kind: "not-found" };

/** Creates an office (officeId absent) or updates one. */
export async function saveOffice(db: Db, input: { actor: Actor; officeId?: number; fields: OfficeFields; texts?: readonly OfficeTextFields[] }, now: Date): Promise<SaveOfficeResult> {
  try {
    return await db.$transaction(async (tx): Promise<SaveOfficeResult> => {
      const sameSlug = await tx.office.findUnique({ where: { slug: input.fields.slug }, select: { id: true } });
      if (sameSlug && sameSlug.id !== input.officeId) return { kind: "slug-taken" };
      let office: Office;
      /** The seed's placeholder contact details are confirmed by this save. */
      let confirming = false;
      if (input.officeId === undefined) {
        office = await tx.office.create({ data: { ...input.fields, contactConfirmedAt: now, createdAt: now } });
      } else {
        const before = await tx.office.findUnique({ where: { id: input.officeId }, select: { contactConfirmedAt: true } });
        if (!before) return { kind: "not-found" };
        confirming = before.contactConfirmedAt === null;
        office = await tx.office.update({ where: { id: input.officeId }, data: { ...input.fields, contactConfirmedAt: now } });
      }
      const changedTexts = await writeTexts(tx, office.id, input.texts ?? []);
      await recordAudit(
        tx,
        {
          actor: input.actor,
          action: input.officeId === undefined ? "office.created" : "office.updated",
          entityType: "office",
          entityId: office.id,
          officeId: office.id,
          detail: {
            slug: office.slug,
            active: office.active,
            ...(confirming ? { contactConfirmed: true } : {}),
            ...(changedTexts.length ? { textsChanged: changedTexts.join(",") } : {}),
          },
        },
        now,
      );
      return { kind: "saved", office };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "slug-taken" };
    throw error;
  }
}

/** Writes the texts that changed; returns their languages (for the audit entry). */
async function writeTexts(tx: Tx, officeId: number, texts: readonly OfficeTextFields[]): Promise<string[]> {
  const stored = new Map((await tx.officeText.findMany({ where: { officeId } })).map((t) => [t.locale, t]));
  const changed: string[] = [];
  for (const text of texts) {
    const before = stored.get(text.locale);
    if (before && before.name === text.name && before.directions === text.directions) continue;
    if (!before && text.name === null && text.directions === null) continue;
    changed.push(text.locale);
    if (text.name === null && text.directions === null) {
      await tx.officeText.delete({ where: { officeId_locale: { officeId, locale: text.locale } } });
    } else {
      const data = { name: text.name, directions: text.directions, machineDraft: false };
      await tx.officeText.upsert({ where: { officeId_locale: { officeId, locale: text.locale } }, create: { officeId, locale: text.locale, ...data }, update: data });
    }
  }
  return changed;
}
