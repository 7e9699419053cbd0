// Consultation locations (administrators only): list, add and change offices. Editing is
// at /staff/offices/:id/edit because /staff/offices/:id/… belongs to the office's day
// list, week and schedule pages.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { parseDeskHours, parseSpan, storeDeskHours } from "../../domain/offices/desk-hours.ts";
import { saveOffice } from "../../domain/offices/save-office.ts";
import { localeInfo, locales } from "../../i18n/locales.ts";
import { renderError } from "../../plugins/errors.ts";
import { parseId, sendPage, doneNotice } from "./admin-form.ts";
import { allOffices, findOffice, type OfficeWithTexts } from "../../domain/offices/find-office.ts";
import { telHref } from "../../domain/offices/office-contact.ts";
import { formErrors } from "../form-errors.ts";
import { formBody, queryValue, type PostedForm } from "../input.ts";
import { signedIn } from "./session.ts";

const adminOnly = { config: { roles: ["ADMIN" as const] } };
// The id is text, so one that is not a number is the 404 page (parseId) rather than a 400.
const params = z.object({ id: z.string() });
/** `?done=created|saved`, from the redirect after saving. */
const query = z.object({ done: queryValue });

const optional = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((v) => (v === "" ? null : v));

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
/** Labels of the desk-hours fields, named literally (the catalogue test looks for each key). */
const weekdayKeys: Record<number, string> = {
  1: "staff.admin.offices.weekday.1",
  2: "staff.admin.offices.weekday.2",
  3: "staff.admin.offices.weekday.3",
  4: "staff.admin.offices.weekday.4",
  5: "staff.admin.offices.weekday.5",
  6: "staff.admin.offices.weekday.6",
  7: "staff.admin.offices.weekday.7",
};
/** The languages an office's name and directions can be given in besides Dutch. */
const textLocales = locales.filter((l) => l !== "nl");
const textFields = textLocales.flatMap((l) => [`name_${l}`, `directions_${l}`]);
const hourFields = weekdays.map((d) => `hours${d}`);

const officeForm = z.object({
  slug: z
    .string()
    .trim()
    .min(1, "staff.admin.offices.slugRequired")
    .max(60, "staff.admin.offices.slugInvalid")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "staff.admin.offices.slugInvalid"),
  name: z.string().trim().min(1, "staff.admin.offices.nameRequired").max(120, "staff.admin.offices.tooLong"),
  street: z.string().trim().min(1, "staff.admin.offices.streetRequired").max(120, "staff.admin.offices.tooLong"),
  postalCode: z
    .string()
    .trim()
    .min(1, "staff.admin.offices.postalCodeRequired")
    .regex(/^\d{4} ?[A-Za-z]{2}$/, "staff.admin.offices.postalCodeInvalid")
    .transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`),
  city: z.string().trim().min(1, "staff.admin.offices.cityRequired").max(80, "staff.admin.offices.tooLong"),
  // Every office names whom to call: clients see it on every page and message about it.
  phone: z
    .string()
    .trim()
    .min(1, "staff.admin.offices.phoneRequired")
    .max(30, "staff.admin.offices.phoneInvalid")
    .refine((v) => /^\+?[0-9 ()-]{6,30}$/.test(v) && telHref(v) !== null, "staff.admin.offices.phoneInvalid"),
  email: z
    .string()
    .trim()
    .min(1, "staff.admin.offices.emailRequired")
    .max(254, "staff.admin.offices.emailInvalid")
    .refine((v) => z.email().safeParse(v).success, "staff.admin.offices.emailInvalid"),
  ...Object.fromEntries(weekdays.map((d) => [`hours${d}`, z.string().trim().refine((v) => v === "" || parseSpan(v) !== null, "staff.admin.offices.hoursInvalid")])),
  ...Object.fromEntries(
    textLocales.flatMap((l) => [
      [`name_${l}`, optional(120, "staff.admin.offices.tooLong")],
      [`directions_${l}`, optional(1000, "staff.admin.offices.directionsTooLong")],
    ]),
  ),
  directions: optional(1000, "staff.admin.offices.directionsTooLong"),
  active: z.boolean(),
});

type Values = Record<"slug" | "name" | "street" | "postalCode" | "city" | "phone" | "email" | "directions", string> & { active: boolean } & Record<string, string | boolean>;

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** What the form shows: a posted form, or an office's fields. */
function typed(b: Record<string, unknown>): Values {
  return {
    ...Object.fromEntries([...hourFields, ...textFields].map((f) => [f, text(b[f])])),
    slug: text(b.slug),
    name: text(b.name),
    street: text(b.street),
    postalCode: text(b.postalCode),
    city: text(b.city),
    phone: text(b.phone),
    email: text(b.email),
    directions: text(b.directions),
    active: b.active === "yes",
  };
}

/** An office's stored fields as the form shows them. */
function officeValues(office: OfficeWithTexts): Values {
  const hours = parseDeskHours(office.deskHours);
  const fields: Record<string, unknown> = { ...office, phone: office.phone ?? "", email: office.email ?? "", directions: office.directions ?? "", active: office.active ? "yes" : "" };
  for (const d of weekdays) {
    const span = hours.get(d);
    fields[`hours${d}`] = span ? `${span.opens}–${span.closes}` : "";
  }
  for (const t of office.texts) {
    fields[`name_${t.locale}`] = t.name ?? "";
    fields[`directions_${t.locale}`] = t.directions ?? "";
  }
  return typed(fields);
}

/** The language sections of the form, with which of the stored texts are machine drafts. */
function textSections(office: OfficeWithTexts | null) {
  return textLocales.map((l) => ({ locale: l, language: localeInfo[l].nativeName, machineDraft: office?.texts.find((t) => t.locale === l)?.machineDraft ?? false }));
}

const doneKeys: Record<string, string> = { created: "staff.admin.offices.created", saved: "staff.admin.offices.saved" };

const officesRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (request: FastifyRequest) => ({ type: "staff" as const, id: signedIn(request).user.id });
  const form = (reply: FastifyReply, data: { office: OfficeWithTexts | null; values: Values; errors: Record<string, string>; notice?: string | null }, status = 200) =>
    sendPage(reply, "staff/admin/office-form.eta", { notice: null, weekdays: weekdays.map((d) => ({ day: d, label: weekdayKeys[d] })), texts: textSections(data.office), ...data }, status);

  app.get("/offices", adminOnly, async (_request, reply) => {
    const offices = await allOffices(app.db, app.clock.now());
    return reply.viewAsync("staff/admin/offices.eta", { offices });
  });

  app.get("/offices/new", adminOnly, async (_request, reply) => form(reply, { office: null, values: { ...typed({}), active: true }, errors: {} }));

  app.get("/offices/:id/edit", { ...adminOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const id = parseId(request.params.id);
    const office = id ? await findOffice(app.db, id, app.clock.now()) : null;
    if (!office) return renderError(request, reply, 404);
    const values = officeValues(office);
    const notice = doneNotice(doneKeys, request.query.done);
    return form(reply, { office, values, errors: {}, notice });
  });

  async function save(request: FastifyRequest, reply: FastifyReply, officeId: number | undefined, body: PostedForm) {
    const office = officeId === undefined ? null : await findOffice(app.db, officeId, app.clock.now());
    if (officeId !== undefined && !office) return renderError(request, reply, 404);
    const values = typed(body);
    const parsed = officeForm.safeParse(values);
    if (!parsed.success) return form(reply, { office, values, errors: formErrors(parsed.error, "staff.admin.invalid") }, 422);
    const data = parsed.data as z.infer<typeof officeForm> & Record<string, string | null>;
    const hours = new Map(weekdays.flatMap((d) => {
      const span = parseSpan(text(data[`hours${d}`]));
      return span ? [[d, span] as const] : [];
    }));
    if (hours.size === 0) return form(reply, { office, values, errors: { hours1: "staff.admin.offices.hoursRequired" } }, 422);
    const fields = {
      slug: data.slug,
      name: data.name,
      street: data.street,
      postalCode: data.postalCode,
      city: data.city,
      phone: data.phone,
      email: data.email,
      deskHours: storeDeskHours(hours),
      directions: data.directions,
      active: data.active,
    };
    const texts = textLocales.map((l) => ({ locale: l, name: data[`name_${l}`] ?? null, directions: data[`directions_${l}`] ?? null }));
    const result = await saveOffice(app.db, { actor: actor(request), ...(officeId === undefined ? {} : { officeId }), fields, texts }, app.clock.now());
    if (result.kind === "not-found") return renderError(request, reply, 404);
    if (result.kind === "slug-taken") return form(reply, { office, values, errors: { slug: "staff.admin.offices.slugTaken" } }, 422);
    return reply.redirect(`/staff/offices/${result.office.id}/edit?done=${officeId === undefined ? "created" : "saved"}`, 303);
  }

  app.post("/offices", { ...adminOnly, schema: { body: formBody } }, async (request, reply) => save(request, reply, undefined, request.body));

  app.post("/offices/:id/edit", { ...adminOnly, schema: { params, body: formBody } }, async (request, reply) => {
    const id = parseId(request.params.id);
    return id ? save(request, reply, id, request.body) : renderError(request, reply, 404);
  });
};

export default officesRoutes;
