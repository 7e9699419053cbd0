// The caseworker's booking form: who books (organisation, caseworker) and for whom. The
// client's fields and their rules are the public form's. Messages are catalogue keys.
import { z } from "zod";
import { contactFields } from "../../domain/booking/schema.ts";
import { orgTypes, type OrgType } from "../../domain/booking/org-types.ts";
import { locales } from "../../i18n/locales.ts";

// Control characters, and U+FFFD (what bytes that are not UTF-8 decode to).
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const controls = /[\u0000-\u001f\u007f\uFFFD]/;

/** One line of text, required, with its own messages. */
const line = (max: number, required: string, tooLong: string) =>
  z
    .string({ message: required })
    .refine((s) => !controls.test(s), "form.error.invalid")
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .refine((s) => s.length > 0, required)
    .refine((s) => s.length <= max, tooLong);

const caseworkerEmail = z
  .string({ message: "caseworker.error.emailRequired" })
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    if (s === "") ctx.addIssue({ code: "custom", message: "caseworker.error.emailRequired" });
    else if (s.length > 254 || !z.email().safeParse(s).success) ctx.addIssue({ code: "custom", message: "caseworker.error.emailInvalid" });
  });

export const caseworkerFormSchema = z.object({
  orgType: z.enum(orgTypes, { message: "caseworker.error.orgTypeRequired" }),
  orgName: line(120, "caseworker.error.orgNameRequired", "caseworker.error.orgNameTooLong"),
  caseworkerName: line(80, "caseworker.error.nameRequired", "caseworker.error.nameTooLong"),
  caseworkerEmail,
  // A ticked box sends "yes"; anything else (absent, tampered) means no.
  contactViaMe: z.unknown().optional().transform((v) => v === "yes"),
  name: contactFields.name,
  language: contactFields.language,
  // The language of the client's messages and appointment card: one the site speaks,
  // always chosen (the caseworker's own language is often not the client's).
  clientLocale: z.enum(locales, { message: "caseworker.error.clientLocaleRequired" }),
  interpreter: z.enum(["yes", "no"], { message: "caseworker.error.interpreterRequired" }).transform((v) => v === "yes"),
  phone: contactFields.phone,
  smsConsent: contactFields.smsConsent,
  email: contactFields.email,
  note: contactFields.note,
  consent: z.literal("yes", { message: "caseworker.error.consentRequired" }),
});

export type CaseworkerForm = z.output<typeof caseworkerFormSchema>;

/**
 * Parses the form. With "contact only via me" the client's own phone and email are not
 * wanted: they are neither checked nor kept, whatever the fields hold.
 */
export function parseCaseworkerForm(values: Record<string, string>) {
  const viaMe = values.contactViaMe === "yes";
  const input = viaMe ? { ...values, phone: "", email: "", smsConsent: "" } : values;
  return caseworkerFormSchema.safeParse(input);
}

/** The organisation types in the order the form offers them, with their texts. */
export const orgTypeOptions: Array<[OrgType, string]> = [
  ["refugee-council", "caseworker.orgType.refugeeCouncil"],
  ["municipality", "caseworker.orgType.municipality"],
  ["church", "caseworker.orgType.church"],
  ["womens-shelter", "caseworker.orgType.womensShelter"],
  ["salvation-army", "caseworker.orgType.salvationArmy"],
  ["neighbourhood-team", "caseworker.orgType.neighbourhoodTeam"],
  ["other", "caseworker.orgType.other"],
];
