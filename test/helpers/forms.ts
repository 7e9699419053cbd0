// Small helpers for talking HTML to the app the way a browser does.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";

export function formBody(fields: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

export function postForm(app: FastifyInstance, url: string, fields: Record<string, string | string[] | undefined>) {
  return app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: formBody(fields),
  });
}

/** The value of a named input in an HTML page. */
export function inputValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`No input named ${name} in the page`);
  return match[1];
}

/** The hrefs of the slot links on an office page, in order. */
export function slotLinks(html: string): string[] {
  return [...html.matchAll(/class="slot" href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

export function location(response: LightMyRequestResponse): string {
  const value = response.headers.location;
  if (typeof value !== "string") throw new Error(`No redirect (status ${response.statusCode})`);
  return value;
}

/** The text of the page's <main>, tags removed and whitespace collapsed. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

/** What a browser sends from a form nobody touched: hidden fields, checked boxes and selected options. */
export function untouched(html: string): Record<string, string> {
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const sent: Record<string, string> = {};
  for (const m of form.matchAll(/<input [^>]*>/g)) {
    const input = m[0];
    const name = / name="([^"]+)"/.exec(input)?.[1];
    const value = / value="([^"]*)"/.exec(input)?.[1] ?? "";
    const type = / type="([^"]+)"/.exec(input)?.[1];
    if (!name) continue;
    if (type === "radio" || type === "checkbox") {
      if (/ checked/.test(input)) sent[name] = value;
    } else sent[name] = value;
  }
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"[^>]*selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? "";
    sent[m[1]!] = selected;
  }
  return sent;
}

export const validBooking = {
  name: "Amina",
  phone: "",
  email: "",
  language: "ar",
  interpreter: "yes",
  note: "",
  consent: "yes",
};

/** The manage token in a redirect to a booking's confirmation, or a caseworker's (empty when it is none). */
export function tokenOf(response: LightMyRequestResponse): string {
  const value = response.headers.location;
  return (typeof value === "string" && /\/booking\/([A-Za-z0-9_-]{22})\/(?:confirmation|for-client)$/.exec(value)?.[1]) || "";
}

/**
 * Opens the booking form for a slot and sends it; returns the POST response, the form key
 * the form carried, and the manage token the booking got (from the redirect; empty when
 * none was made).
 */
export async function bookSlot(
  app: FastifyInstance,
  slotHref: string,
  fields: Record<string, string> = validBooking,
): Promise<{ response: LightMyRequestResponse; formKey: string; token: string; slot: string }> {
  const form = await app.inject({ method: "GET", url: slotHref });
  if (form.statusCode !== 200) throw new Error(`Booking form answered ${form.statusCode}`);
  const formKey = inputValue(form.body, "formKey");
  const slot = inputValue(form.body, "slot");
  const action = slotHref.split("?")[0]!;
  const response = await postForm(app, action, { ...fields, slot, formKey });
  return { response, formKey, token: tokenOf(response), slot };
}
