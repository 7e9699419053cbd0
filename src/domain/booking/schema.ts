// The booking form: only what the conversation needs. Messages are catalogue keys, so the
// page shows them in the client's language.
import { z } from "zod";
import { conversationLanguageCodes } from "../../i18n/conversation-languages.ts";
import { toE164 } from "./phone-number.ts";

// A form field arrives as a string, or as an array when a field is repeated (tampering).
// Invisible direction overrides and isolates are dropped: no name needs them, and in a
// staff list or a caseworker's email they would turn the text after them around.
const text = (max: number, tooLong: string) =>
  z
    .string({ message: "form.error.invalid" })
    .transform((s) => s.replace(/\r\n?/g, "\n").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").trim())
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), "form.error.invalid")
    // U+FFFD is what bytes that are not UTF-8 decode to: the text that was meant is lost.
    .refine((s) => !s.includes("\uFFFD"), "form.error.invalid")
    .refine((s) => s.length <= max, tooLong);

const optional = <T extends z.ZodType<string>>(field: T) =>
  z
    .union([z.literal(""), field])
    .optional()
    .transform((v) => (v ? v : null));

export const contactFields = {
  name: text(80, "form.error.nameTooLong")
    .transform((s) => s.replace(/\s+/g, " "))
    .refine((s) => s.length > 0, "form.error.nameRequired"),
  // Stored as E.164 ("+31612345678"): the one form an SMS provider takes, and the one a
  // reply's sender arrives in, so a reply finds its booking.
  phone: optional(text(30, "form.error.phoneInvalid").refine((s) => /^\+?[0-9 ()./-]+$/.test(s), "form.error.phoneInvalid")).transform((s, ctx) => {
    if (s === null) return null;
    const e164 = toE164(s);
    if (!e164) ctx.addIssue({ code: "custom", message: "form.error.phoneInvalid" });
    return e164 ?? z.NEVER;
  }),
  email: optional(
    text(254, "form.error.emailInvalid").pipe(z.email({ message: "form.error.emailInvalid" })),
  ),
  /** The box "send me text messages at this number" (only kept with a phone number). */
  smsConsent: z
    .union([z.literal("yes"), z.literal("")], { message: "form.error.invalid" })
    .optional()
    .transform((v) => v === "yes"),
  language: z.enum(conversationLanguageCodes, { message: "form.error.languageRequired" }),
  interpreter: z.enum(["yes", "no"], { message: "form.error.interpreterRequired" }).transform((v) => v === "yes"),
  note: optional(text(500, "form.error.noteTooLong")),
};

export const bookingFormSchema = z.object({
  ...contactFields,
  consent: z.literal("yes", { message: "form.error.consentRequired" }),
});

export type BookingForm = z.output<typeof bookingFormSchema>;
export type ContactForm = z.output<z.ZodObject<typeof contactFields>>;

/** A message for a form: a catalogue key, or a key with its placeholders. */
export type FormMessage = string | [string, Record<string, string | number>];
export type FormErrors = Record<string, FormMessage>;

/**
 * The hidden field that people never see or fill in; software that fills in every
 * field does. A form that comes back with it filled in books nothing.
 */
export const HONEYPOT_FIELD = "website";

export function isHoneypotFilled(values: Record<string, unknown>): boolean {
  const value = values[HONEYPOT_FIELD];
  return typeof value === "string" ? value.trim() !== "" : value !== undefined;
}
