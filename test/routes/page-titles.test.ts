// The browser tab says what the page's heading says, on every public page of the booking
// flow: after booking, moving and cancelling too, and on forms with mistakes (then after
// "Error:", as the form's own title does).
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, inputValue, location, postForm, slotLinks, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, " ").trim();

/** The page's <title> and <h1>, as text. */
function titleAndHeading(html: string): { title: string; h1: string } {
  return { title: text(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ""), h1: text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "") };
}

for (const [locale, site, errorPrefix] of [["nl", "Spreekuur", "Fout:"], ["en", "Consultation hours", "Error:"]] as const) {
  t.test(`every page of the flow has the title its heading has (${locale})`, async (t) => {
    const { app } = await buildTestApp(t, { now });
    const pages: Array<[string, string, number]> = [];
    const visit = async (what: string, url: string, status = 200) => {
      const response = await app.inject({ url });
      t.equal(response.statusCode, status, `${what}: status`);
      pages.push([what, response.body, response.statusCode]);
      return response;
    };
    const office = await visit("home", `/${locale}/`).then(() => visit("office", `/${locale}/offices/zwolle`));
    const [first, second] = slotLinks(office.body);
    const form = await visit("booking form", first!);
    const wrong = await postForm(app, `/${locale}/offices/zwolle/book`, { ...validBooking, email: "amina@", slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey") });
    pages.push(["booking form with a mistake", wrong.body, wrong.statusCode]);
    const { response, token } = await bookSlot(app, first!);
    await visit("confirmation", location(response));
    const manage = `/${locale}/booking/${token}`;
    await visit("manage", manage);
    await visit("move: other times", `${manage}/move`);
    const to = new URL(second!, "https://x").searchParams.get("slot")!;
    await visit("move: confirm", `${manage}/move?slot=${to}`);
    const moved = await postForm(app, `${manage}/move`, { slot: to });
    await visit("move: done", location(moved));
    await visit("cancel", `${manage}/cancel`);
    await app.inject({ method: "POST", url: `${manage}/cancel` });
    await visit("cancelled booking", manage);
    await visit("cancelled booking's confirmation", `${manage}/confirmation`);
    await visit("time gone", `/${locale}/offices/zwolle/book?slot=2026-12-01T09:05:00.000Z`, 404);
    await visit("privacy", `/${locale}/privacy`);
    await visit("accessibility", `/${locale}/accessibility`);
    await visit("caseworker", `/${locale}/caseworker`);
    await visit("caseworker office", `/${locale}/caseworker/offices/zwolle`);
    const caseworkerForm = await visit("caseworker form", `/${locale}/caseworker/offices/zwolle/book?slot=${to}`);
    const caseworkerFields = { orgType: "church", orgName: "Kerk", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org", name: "Tariq", language: "ps", interpreter: "no", consent: "yes", slot: to, formKey: inputValue(caseworkerForm.body, "formKey") };
    const check = await postForm(app, `/${locale}/caseworker/offices/zwolle/book`, caseworkerFields);
    pages.push(["caseworker: check the details", check.body, check.statusCode]);
    const again = await postForm(app, `/${locale}/caseworker/offices/zwolle/book/form`, caseworkerFields);
    pages.push(["caseworker form shown again", again.body, again.statusCode]);
    const shown = await postForm(app, `/${locale}/offices/zwolle/book/form`, { ...validBooking, slot: to, formKey: "expired" });
    pages.push(["booking form shown again in this language", shown.body, shown.statusCode]);
    await visit("not found", `/${locale}/no-such-page`, 404);

    for (const [what, html] of pages) {
      const { title, h1 } = titleAndHeading(html);
      t.ok(h1.length > 0, `${what}: has a heading`);
      const withoutError = title.startsWith(`${errorPrefix} `) ? title.slice(errorPrefix.length + 1) : title;
      t.equal(withoutError, `${h1} – ${site}`, `${what}: "${title}" follows "${h1}"`);
    }
    t.match(titleAndHeading(pages.find(([w]) => w === "booking form with a mistake")![1]).title, new RegExp(`^${errorPrefix} `), "a form with mistakes says so first");
  });
}
