// Consultation locations (administrators only): list, add and change offices. Editing is
// at /staff/offices/:id/edit because /staff/offices/:id/… belongs to the office's day
// list, week and schedule pages.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { saveOffice } from "../../domain/offices/save-office.ts";
import { renderError } from "../../plugins/errors.ts";
import { parseId, sendPage, doneNotice } from "./admin-form.ts";
import { allOffices, findOffice } from "../../domain/offices/find-office.ts";
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
  phone: optional(30, "staff.admin.offices.phoneInvalid").refine((v) => v === null || /^\+?[0-9 ()-]{6,30}$/.test(v), "staff.admin.offices.phoneInvalid"),
  email: optional(254, "staff.admin.offices.emailInvalid").refine((v) => v === null || z.email().safeParse(v).success, "staff.admin.offices.emailInvalid"),
  directions: optional(1000, "staff.admin.offices.directionsTooLong"),
  active: z.boolean(),
});

type Values = Record<"slug" | "name" | "street" | "postalCode" | "city" | "phone" | "email" | "directions", string> & { active: boolean };

/** What the form shows: a posted form, or an office's fields. */
function typed(b: Record<string, unknown>): Values {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
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

const doneKeys: Record<string, string> = { created: "staff.admin.offices.created", saved: "staff.admin.offices.saved" };

const officesRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (request: FastifyRequest) => ({ type: "staff" as const, id: signedIn(request).user.id });
  const form = (reply: FastifyReply, data: { office: { id: number; name: string } | null; values: Values; errors: Record<string, string>; notice?: string | null }, status = 200) =>
    sendPage(reply, "staff/admin/office-form.eta", { notice: null, ...data }, status);

  app.get("/offices", adminOnly, async (_request, reply) => {
    const offices = await allOffices(app.db, app.clock.now());
    return reply.viewAsync("staff/admin/offices.eta", { offices });
  });

  app.get("/offices/new", adminOnly, async (_request, reply) => form(reply, { office: null, values: { ...typed({}), active: true }, errors: {} }));

  app.get("/offices/:id/edit", { ...adminOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const id = parseId(request.params.id);
    const office = id ? await findOffice(app.db, id, app.clock.now()) : null;
    if (!office) return renderError(request, reply, 404);
    const values = typed({ ...office, phone: office.phone ?? "", email: office.email ?? "", directions: office.directions ?? "", active: office.active ? "yes" : "" });
    const notice = doneNotice(doneKeys, request.query.done);
    return form(reply, { office, values, errors: {}, notice });
  });

  async function save(request: FastifyRequest, reply: FastifyReply, officeId: number | undefined, body: PostedForm) {
    const office = officeId === undefined ? null : await findOffice(app.db, officeId, app.clock.now());
    if (officeId !== undefined && !office) return renderError(request, reply, 404);
    const values = typed(body);
    const parsed = officeForm.safeParse(values);
    if (!parsed.success) return form(reply, { office, values, errors: formErrors(parsed.error, "staff.admin.invalid") }, 422);
    const result = await saveOffice(app.db, { actor: actor(request), ...(officeId === undefined ? {} : { officeId }), fields: parsed.data }, app.clock.now());
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
