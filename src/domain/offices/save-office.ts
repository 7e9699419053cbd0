// An administrator adds a consultation location or changes one. The slug is the office's
// address in public URLs (/nl/offices/<slug>), so it is unique; the unique index decides
// when two requests race for the same one.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
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
  directions: string | null;
  active: boolean;
}

export type SaveOfficeResult = { kind: "saved"; office: Office } | { kind: "slug-taken" } | { kind: "not-found" };

/** Creates an office (officeId absent) or updates one. */
export async function saveOffice(db: Db, input: { actor: Actor; officeId?: number; fields: OfficeFields }, now: Date): Promise<SaveOfficeResult> {
  try {
    return await db.$transaction(async (tx): Promise<SaveOfficeResult> => {
      const sameSlug = await tx.office.findUnique({ where: { slug: input.fields.slug }, select: { id: true } });
      if (sameSlug && sameSlug.id !== input.officeId) return { kind: "slug-taken" };
      let office: Office;
      if (input.officeId === undefined) {
        office = await tx.office.create({ data: { ...input.fields, createdAt: now } });
      } else {
        if (!(await tx.office.findUnique({ where: { id: input.officeId }, select: { id: true } }))) return { kind: "not-found" };
        office = await tx.office.update({ where: { id: input.officeId }, data: input.fields });
      }
      await recordAudit(
        tx,
        {
          actor: input.actor,
          action: input.officeId === undefined ? "office.created" : "office.updated",
          entityType: "office",
          entityId: office.id,
          officeId: office.id,
          detail: { slug: office.slug, active: office.active },
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
