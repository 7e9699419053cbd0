// The two-step save every schedule form shares. A change that touches no booking is
// saved at once; otherwise the officer first sees the affected bookings, chooses for each
// a new slot or cancellation, gives a reason, and confirms — then all is saved together.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Office } from "../../generated/prisma/client.ts";
import { applyScheduleChange, type Decisions } from "../../domain/schedule/apply-change.ts";
import type { ScheduleChange } from "../../domain/schedule/changes.ts";
import { reasonText, text, type FieldErrors, type FormBody } from "../../domain/schedule/form-values.ts";
import { planChange, type PlannedBooking } from "../../domain/schedule/plan-change.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { formatBookingCode, formatter } from "../../i18n/format.ts";
import { parseSlotParam, slotParam } from "../public/slot-param.ts";
import { reachView, toCall } from "./reach-view.ts";
import { signedIn } from "./session.ts";

export interface ChangePage {
  office: Office;
  change: ScheduleChange;
  /** What was posted: the officer's form, and on the confirmation also a choice per booking. */
  form: FormBody;
  /** Where the form posts; the confirmation posts there again. */
  action: string;
  /** Back to the form's page. */
  back: string;
  /** What the change is, for the confirmation page: a message key and its values. */
  summary: { key: string; params: Record<string, string>; kindKey?: string };
}

/** Fields that belong to the confirmation step, not to the officer's form. */
const ownFields = /^(_csrf|confirm|shown|clientReason|move-\d+)$/;
const CANCEL = "cancel";

const whyKeys = { gone: "staff.schedule.confirm.whyGone", capacity: "staff.schedule.confirm.whyCapacity" } as const;

function hiddenFields(body: FormBody): Array<[string, string]> {
  return Object.entries(body)
    .filter(([name]) => !ownFields.test(name))
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string").map((v): [string, string] => [name, v]));
}

function readDecisions(body: FormBody, errors: FieldErrors): Decisions {
  const shown = text(body, "shown") === "" ? [] : text(body, "shown").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const moves = new Map<number, Date>();
  for (const id of shown) {
    const choice = text(body, `move-${id}`);
    if (choice === "" || choice === CANCEL) continue;
    const at = parseSlotParam(choice);
    if (at) moves.set(id, at);
    else errors[`move-${id}`] = "staff.schedule.error.moveChoice";
  }
  // Apart from a closure's own (staff-facing) reason: this one goes to the clients.
  const reason = reasonText(text(body, "clientReason"));
  if (reason === null) errors.clientReason = "staff.schedule.error.reasonTooLong";
  else if (reason === "" && shown.some((id) => !moves.has(id))) errors.clientReason = "staff.schedule.error.reasonRequired";
  return { shown, moves, reason: reason ?? "" };
}

async function renderConfirm(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ChangePage,
  affected: PlannedBooking[],
  state: { status: number; errors: FieldErrors; notice: string | null },
) {
  const body = page.form;
  const fmt = formatter(signedIn(request).user.locale, page.office.timeZone);
  const t = staffTranslator(signedIn(request).user.locale);
  const rows = affected.map((b) => ({
    id: b.id,
    when: `${fmt.date(b.startsAt)}, ${fmt.time(b.startsAt)}–${fmt.time(b.endsAt)}`,
    code: formatBookingCode(b.code),
    name: b.name,
    whyKey: whyKeys[b.why],
    reach: reachView(b, t),
    chosen: text(body, `move-${b.id}`) || CANCEL,
    options: b.candidates.map((at) => ({ value: slotParam(at), label: `${fmt.dateShort(at)} ${fmt.time(at)}` })),
  }));
  const html = await reply.viewAsync("staff/schedule/confirm.eta", {
    office: page.office,
    summary: page.summary,
    action: page.action,
    back: page.back,
    hidden: hiddenFields(body),
    shown: affected.map((b) => b.id).join(","),
    rows,
    toCall: toCall(rows.map((r) => r.reach)),
    clientReason: text(body, "clientReason"),
    errors: state.errors,
    notice: state.notice,
  });
  return reply.code(state.status).type("text/html; charset=utf-8").send(html);
}

/**
 * Runs the change. Returns field errors for the caller to show on its own form (nothing
 * has been saved or sent then); otherwise the reply has been sent.
 */
export async function submitChange(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, page: ChangePage): Promise<FieldErrors | null> {
  const body = page.form;
  const now = app.clock.now();
  const confirming = text(body, "confirm") === "yes";
  const errors: FieldErrors = {};
  let decisions: Decisions = { shown: [], moves: new Map(), reason: "" };
  if (confirming) {
    decisions = readDecisions(body, errors);
  } else {
    const plan = await planChange(app.db, page.office, page.change, now);
    if (plan.kind === "invalid") return plan.errors;
    if (plan.affected.length > 0) return renderConfirm(request, reply, page, plan.affected, { status: 200, errors: {}, notice: null }).then(() => null);
  }
  if (Object.keys(errors).length > 0) {
    const plan = await planChange(app.db, page.office, page.change, now);
    if (plan.kind === "invalid") return plan.errors;
    await renderConfirm(request, reply, page, plan.affected, { status: 422, errors, notice: null });
    return null;
  }

  const actor = { type: "staff" as const, id: signedIn(request).user.id };
  const result = await applyScheduleChange(app.deps, { actor, office: page.office, change: page.change, decisions }, now);
  switch (result.kind) {
    case "invalid":
      return result.errors;
    case "changed":
      await renderConfirm(request, reply, page, result.affected, { status: 409, errors: {}, notice: "staff.schedule.confirm.listChanged" });
      return null;
    case "move-failed": {
      const plan = await planChange(app.db, page.office, page.change, now);
      if (plan.kind === "invalid") return plan.errors;
      const failed = result.bookingId > 0 ? { [`move-${result.bookingId}`]: "staff.schedule.error.moveFailed" } : { form: "staff.schedule.error.moveFailed" };
      await renderConfirm(request, reply, page, plan.affected, { status: 409, errors: failed, notice: null });
      return null;
    }
    case "applied": {
      if (result.cancelled + result.moved > 0) app.outbox.wake();
      // The ids of the bookings it settled, so the schedule page lists each client and how
      // they are told (ids only: no personal data in the address).
      const settled = decisions.shown.join(",");
      const query = new URLSearchParams({ done: page.change.type, cancelled: String(result.cancelled), moved: String(result.moved), ...(settled ? { bookings: settled } : {}) });
      await reply.redirect(`/staff/offices/${page.office.id}/schedule?${query}`, 303);
      return null;
    }
  }
}
