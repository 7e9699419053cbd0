// Staff accounts (administrators only): list, create with a one-time password, change
// name, role and offices, disable or enable, and reset a password.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createStaffUser } from "../../domain/accounts/create-staff-user.ts";
import { resetStaffPassword } from "../../domain/accounts/reset-staff-password.ts";
import { setStaffUserDisabled } from "../../domain/accounts/set-staff-user-disabled.ts";
import { updateStaffUser } from "../../domain/accounts/update-staff-user.ts";
import { renderError } from "../../plugins/errors.ts";
import { many, parseId, roleKeys, sendPage, doneNotice } from "./admin-form.ts";
import { allOffices } from "../../domain/offices/find-office.ts";
import { findStaffUser, listStaffUsers } from "../../domain/accounts/find-staff-users.ts";
import { formErrors } from "../form-errors.ts";
import { formBody, queryValue } from "../input.ts";
import { signedIn } from "./session.ts";

const adminOnly = { config: { roles: ["ADMIN" as const] } };
// The id is text, so one that is not a number is the 404 page (parseId) rather than a 400.
const params = z.object({ id: z.string() });
/** `?done=saved|disabled|enabled`, from the redirect after a change. */
const query = z.object({ done: queryValue });
const roles = ["ADMIN", "OFFICER", "RECEPTION"] as const;

const userFields = {
  name: z.string().trim().min(1, "staff.admin.users.nameRequired").max(100, "staff.admin.users.nameTooLong"),
  role: z.enum(roles, { message: "staff.admin.users.roleInvalid" }),
  offices: z.array(z.string().regex(/^[1-9]\d{0,8}$/, "staff.admin.users.officesInvalid")).max(500).transform((ids) => ids.map(Number)),
};
const needsOffice = (f: { role: string; offices: number[] }) => f.role === "ADMIN" || f.offices.length > 0;
const officesRequired = { path: ["offices"], message: "staff.admin.users.officesRequired" };
const editForm = z.object(userFields).refine(needsOffice, officesRequired);
const newForm = z
  .object({
    ...userFields,
    email: z.string().trim().toLowerCase().min(1, "staff.admin.users.emailRequired").max(254, "staff.admin.users.emailInvalid").pipe(z.email({ message: "staff.admin.users.emailInvalid" })),
  })
  .refine(needsOffice, officesRequired);

const doneKeys: Record<string, string> = {
  saved: "staff.admin.users.saved",
  disabled: "staff.admin.users.disabledDone",
  enabled: "staff.admin.users.enabledDone",
};

/** What the form shows: what was typed, as text. */
function typed(b: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return { name: text(b.name), email: text(b.email), role: text(b.role), offices: many(b.offices).map(String) };
}

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const offices = async () => (await allOffices(app.db, app.clock.now())).map(({ id, name, active }) => ({ id, name, active }));
  const actor = (request: FastifyRequest) => ({ type: "staff" as const, id: signedIn(request).user.id });

  async function renderForm(reply: FastifyReply, data: { user: { id: number; name: string; email: string; disabled: boolean } | null; values: ReturnType<typeof typed>; errors: Record<string, string>; notice?: string | null }, status = 200) {
    return sendPage(reply, "staff/admin/user-form.eta", { ...data, notice: data.notice ?? null, offices: await offices(), roles, roleKeys }, status);
  }

  /** The user's page; `notice` says what the redirect after a change reports. */
  async function renderEdit(request: FastifyRequest, reply: FastifyReply, id: number, errors: Record<string, string>, status: number, values?: ReturnType<typeof typed>, notice: string | null = null) {
    const user = await findStaffUser(app.db, id);
    if (!user) return renderError(request, reply, 404);
    const current = { name: user.name, email: user.email, role: user.role, offices: user.offices.map((o) => String(o.officeId)) };
    return renderForm(reply, { user, values: values ?? current, errors, notice }, status);
  }

  app.get("/users", adminOnly, async (_request, reply) => {
    const users = await listStaffUsers(app.db);
    return reply.viewAsync("staff/admin/users.eta", { users, roleKeys });
  });

  app.get("/users/new", adminOnly, async (_request, reply) =>
    renderForm(reply, { user: null, values: { name: "", email: "", role: "OFFICER", offices: [] }, errors: {} }),
  );

  app.post("/users", { ...adminOnly, schema: { body: formBody } }, async (request, reply) => {
    const values = typed(request.body);
    const parsed = newForm.safeParse(values);
    if (!parsed.success) return renderForm(reply, { user: null, values, errors: formErrors(parsed.error, "staff.admin.invalid") }, 422);
    const result = await createStaffUser(app.db, { actor: actor(request), ...parsed.data, officeIds: parsed.data.offices }, app.clock.now());
    if (result.kind === "email-taken") return renderForm(reply, { user: null, values, errors: { email: "staff.admin.users.emailTaken" } }, 422);
    if (result.kind === "unknown-office") return renderForm(reply, { user: null, values, errors: { offices: "staff.admin.users.officesInvalid" } }, 422);
    // The password is in this response only; nothing stores or shows it again.
    return sendPage(reply, "staff/admin/one-time-password.eta", { user: result.user, password: result.password, created: true });
  });

  app.get("/users/:id", { ...adminOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const id = parseId(request.params.id);
    const notice = doneNotice(doneKeys, request.query.done);
    return id ? renderEdit(request, reply, id, {}, 200, undefined, notice) : renderError(request, reply, 404);
  });

  app.post("/users/:id", { ...adminOnly, schema: { params, body: formBody } }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (!id) return renderError(request, reply, 404);
    const values = typed(request.body);
    const parsed = editForm.safeParse(values);
    if (!parsed.success) return renderEdit(request, reply, id, formErrors(parsed.error, "staff.admin.invalid"), 422, values);
    const result = await updateStaffUser(app.db, { actor: actor(request), userId: id, ...parsed.data, officeIds: parsed.data.offices }, app.clock.now());
    switch (result.kind) {
      case "not-found":
        return renderError(request, reply, 404);
      case "own-admin-role":
        return renderEdit(request, reply, id, { role: "staff.admin.users.ownAdminRole" }, 422, values);
      case "last-admin":
        return renderEdit(request, reply, id, { role: "staff.admin.users.lastAdmin" }, 422, values);
      case "unknown-office":
        return renderEdit(request, reply, id, { offices: "staff.admin.users.officesInvalid" }, 422, values);
      case "updated":
        return reply.redirect(`/staff/users/${id}?done=saved`, 303);
    }
  });

  for (const disabled of [true, false]) {
    app.post(disabled ? "/users/:id/disable" : "/users/:id/enable", { ...adminOnly, schema: { params } }, async (request, reply) => {
      const id = parseId(request.params.id);
      if (!id) return renderError(request, reply, 404);
      const result = await setStaffUserDisabled(app.db, { actor: actor(request), userId: id, disabled }, app.clock.now());
      if (result.kind === "not-found") return renderError(request, reply, 404);
      if (result.kind === "self") return renderEdit(request, reply, id, { form: "staff.admin.users.cannotDisableSelf" }, 409);
      if (result.kind === "last-admin") return renderEdit(request, reply, id, { form: "staff.admin.users.lastAdmin" }, 409);
      return reply.redirect(`/staff/users/${id}?done=${disabled ? "disabled" : "enabled"}`, 303);
    });
  }

  app.post("/users/:id/password", { ...adminOnly, schema: { params } }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (!id) return renderError(request, reply, 404);
    const result = await resetStaffPassword(app.db, { actor: actor(request), userId: id }, app.clock.now());
    if (result.kind === "not-found") return renderError(request, reply, 404);
    if (result.kind === "self") return renderEdit(request, reply, id, { form: "staff.admin.users.resetSelf" }, 409);
    return sendPage(reply, "staff/admin/one-time-password.eta", { user: result.user, password: result.password, created: false });
  });
};

export default usersRoutes;
