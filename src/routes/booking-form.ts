// The one pipeline of every form that makes a booking — the client's, the caseworker's,
// staff booking for a client who phones, and reception adding a walk-in: the posted
// fields, the slot and the one-time form key, the contact fields as the new booking takes
// them, and createBooking's result turned into the page or redirect each route chose.
//
// The form key is issued by the server, bound to the office and slot (form-key.ts); the new
// booking's manage token is derived from it, so sending the same form again (a double
// click, a refresh, Back and send) finds the booking it made instead of making another.
import type { FastifyInstance } from "fastify";
import { createBooking, type NewBooking } from "../domain/booking/create-booking.ts";
import type { Office } from "../generated/prisma/client.ts";
import { HONEYPOT_FIELD, type ContactForm, type FormErrors } from "../domain/booking/schema.ts";
import type { Booking } from "../generated/prisma/client.ts";
import { slotParam } from "./public/slot-param.ts";
import type { PostedForm } from "./input.ts";
import { parseSlotParam } from "./public/slot-param.ts";
import { offeredSlot, type SlotGone } from "./public/slot-offer.ts";

export type FormValues = Record<string, string>;

/** What was posted, as text: a field sent twice (tampering) is left out. */
export function formValues(body: PostedForm): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") values[key] = value;
  return values;
}

/** What a form for this office and slot (or other target) is bound to. */
const scopeOf = (office: Pick<Office, "id">, target: Date | string) => ({ officeId: office.id, target: typeof target === "string" ? target : slotParam(target) });

/** A new one-time key for a form for this office and slot (or other target, e.g. "waiting-list 2026-12-01 13:00"). */
export function newFormKey(app: FastifyInstance, office: Pick<Office, "id">, target: Date | string): string {
  return app.formKeys.issue(scopeOf(office, target), app.clock.now());
}

/**
 * The slot the form was for, its one-time key as sent (to send again with the form), and
 * the manage token derived from it: null when the key is not one we issued for this form,
 * or has expired (the form is shown again with a fresh key).
 */
export function postedBooking(app: FastifyInstance, office: Pick<Office, "id">, values: FormValues, target?: string): { startsAt: Date | null; formKey: string; token: string | null } {
  const startsAt = parseSlotParam(values.slot);
  const scope = target ?? startsAt;
  const key = scope ? app.formKeys.read(values.formKey, scopeOf(office, scope), app.clock.now()) : null;
  return { startsAt, formKey: values.formKey ?? "", token: key?.kind === "valid" ? key.manageToken : null };
}

/** The client's details as a new booking takes them; fields a form does not ask are empty. */
export function contactOf(form: Partial<ContactForm> & Pick<ContactForm, "name" | "language" | "interpreter">) {
  return {
    name: form.name,
    language: form.language,
    interpreterNeeded: form.interpreter,
    phone: form.phone ?? null,
    smsConsent: Boolean(form.phone) && (form.smsConsent ?? false),
    email: form.email ?? null,
    note: form.note ?? null,
  };
}

/** The page or redirect a route answers for each way a booking can end. */
export interface BookingPages<R> {
  /** Booked now (`made`), or found again: the same form sent twice. */
  booked(booking: Booking, made: boolean): R | Promise<R>;
  /** The key was used before for other details (another person at a shared computer). */
  formUsed(): R | Promise<R>;
  /** The place was just taken, or the time cannot be booked (any more). */
  gone(reason: "taken" | "unavailable"): R | Promise<R>;
  /** The client has as many appointments to come as one may have. */
  contactLimit(count: number): R | Promise<R>;
}

/**
 * The form shown again with what was typed (another language, or "Change" on the check
 * step): the key it carried while that is still good, else a fresh one for its slot if
 * the slot is still offered; otherwise why the slot is gone.
 */
export async function keyToShowAgain(app: FastifyInstance, office: Office, values: FormValues): Promise<{ startsAt: Date; key: string } | { gone: SlotGone; startsAt: Date | null }> {
  const { startsAt, formKey, token } = postedBooking(app, office, values);
  if (!startsAt) return { gone: "unavailable", startsAt: null };
  if (token) return { startsAt, key: formKey };
  const offered = await offeredSlot(app.db, office, values.slot, app.clock.now());
  return "gone" in offered ? offered : { startsAt, key: newFormKey(app, office, startsAt) };
}

/** Makes the booking and answers with the route's page for the outcome. */
export async function bookFromForm<R>(app: FastifyInstance, input: NewBooking, pages: BookingPages<R>): Promise<R> {
  const result = await createBooking(app.deps, input, app.clock.now());
  switch (result.kind) {
    case "created":
      if (result.messages > 0) app.outbox.wake();
      return pages.booked(result.booking, true);
    case "duplicate":
      return pages.booked(result.booking, false);
    case "form-used":
      return pages.formUsed();
    case "taken":
    case "unavailable":
      return pages.gone(result.kind);
    case "contact-limit":
      return pages.contactLimit(result.count);
  }
}

/** The fields a form shows again: what was typed, without the slot, the form key and the trap field. */
export function typedValues(values: FormValues): FormValues {
  const typed = { ...values };
  for (const field of ["slot", "formKey", HONEYPOT_FIELD, "formLocale", "confirm"]) delete typed[field];
  return typed;
}

/**
 * A client's form page: 422 with errors; a fresh form may be kept for Back, one with typed
 * details (`typed`: shown again in another language, or to change them) never.
 */
export function formPageHeaders(errors: FormErrors, typed = false): { status: number; cacheControl: string } {
  const failed = Object.keys(errors).length > 0;
  // A fresh form holds nothing personal, only its form key. The browser may keep it for
  // Back (revalidated on every ordinary visit): going back and sending it again then
  // sends the same key, which finds the booking already made. With no-store, Back would
  // fetch a form with a new key and book a second time.
  return { status: failed ? 422 : 200, cacheControl: failed || typed ? "no-store" : "private, no-cache" };
}
