// The steps on the way to an appointment, and the caseworker's check step: the form asks
// more than the client's, so its details are read back before booking. "Change the
// details" keeps them; the one-time form key still makes one booking at most.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { inputValue, location, mainText, postForm, slotLinks, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";

/** The step indicator: each step's text, the current one marked. */
function steps(html: string): string[] {
  const nav = /<nav class="steps" aria-label="([^"]+)">([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) return [];
  return [`(${nav[1]})`, ...[...nav[2]!.matchAll(/<li(?: class="step-(\w+)")?( aria-current="step")?>([^<]+)<\/li>/g)].map((m) => `${m[3]}${m[2] ? " [current]" : m[1] === "done" ? " [done]" : ""}`)];
}

const fields = {
  orgType: "church",
  orgName: "Kerk & Co",
  caseworkerName: "Sanne de Vries",
  caseworkerEmail: "sanne@example.org",
  name: "Tariq",
  language: "ps",
  clientLocale: "fa",
  interpreter: "yes",
  phone: "",
  email: "tariq@example.org",
  note: "",
  consent: "yes",
};

t.test("the client's way: location, time, details, done", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const home = await app.inject({ url: "/en/" });
  t.same(steps(home.body), ["(Steps)", "Location [current]", "Time", "Details", "Done"]);
  const office = await app.inject({ url: "/en/offices/zwolle" });
  t.same(steps(office.body), ["(Steps)", "Location [done]", "Time [current]", "Details", "Done"]);
  const form = await app.inject({ url: slotLinks(office.body)[0]! });
  t.same(steps(form.body), ["(Steps)", "Location [done]", "Time [done]", "Details [current]", "Done"]);
  const booked = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot, formKey: inputValue(form.body, "formKey") });
  const confirmation = await app.inject({ url: location(booked) });
  t.same(steps(confirmation.body), ["(Steps)", "Location [done]", "Time [done]", "Details [done]", "Done [current]"]);
  const dutch = await app.inject({ url: location(booked).replace("/en/", "/nl/") });
  t.same(steps(dutch.body), ["(Stappen)", "Locatie [done]", "Tijd [done]", "Gegevens [done]", "Klaar [current]"]);
  const moved = await app.inject({ url: `${location(booked)}?done=moved` });
  t.same(steps(moved.body), [], "not after a move: that is no step on the way to booking");
});

t.test("the caseworker's way: the details are read back, changed, then confirmed; one booking", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  t.same(steps((await app.inject({ url: "/en/caseworker" })).body), ["(Steps)", "Location [current]", "Time", "Details", "Check", "Done"]);
  t.same(steps((await app.inject({ url: "/en/caseworker/offices/zwolle" })).body), ["(Steps)", "Location [done]", "Time [current]", "Details", "Check", "Done"]);
  const form = await app.inject({ url: `/en/caseworker/offices/zwolle/book?slot=${slot}` });
  t.same(steps(form.body), ["(Steps)", "Location [done]", "Time [done]", "Details [current]", "Check", "Done"]);
  t.match(form.body, '<button type="submit" class="button primary">Next: check the details</button>');
  const formKey = inputValue(form.body, "formKey");

  const check = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...fields, slot, formKey });
  t.equal(check.statusCode, 200);
  t.equal(check.headers["cache-control"], "no-store");
  t.equal(await db.booking.count(), 0, "nothing is booked before the details are confirmed");
  t.equal(
    mainText(check.body).replaceAll("&amp;", "&"),
    "Location Time Details Check Done Check the details Read the details once more. The appointment is only made when you click ‘Make the appointment’. " +
      "Tuesday, 1 December 2026, 10:00 Zwolle — Holtenbroek community centre Rembrandtlaan 2 8031 RK Zwolle " +
      "About you Type of organisation Church Name of your organisation Kerk & Co Your name Sanne de Vries Your email address sanne@example.org Contact only via me No " +
      "About your client Name or alias of the client Tariq Which language does the client want to speak? پښتو In which language should the client read our messages? فارسی / دری " +
      "Does the client need an interpreter? Yes Phone number of the client Not given Email address of the client tariq@example.org Do you want to tell us something? Not given " +
      "Make the appointment Change the details",
  );
  t.same(steps(check.body), ["(Steps)", "Location [done]", "Time [done]", "Details [done]", "Check [current]", "Done"]);
  t.match(check.body, /<title>Check the details – /);
  const hidden = Object.fromEntries([...check.body.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replaceAll("&amp;", "&")]));
  t.same(hidden, { ...fields, slot, formKey, confirm: "yes" }, "the check step carries every field, the same key, and confirm=yes");
  t.match(check.body, '<button type="submit" class="button" formaction="/en/caseworker/offices/zwolle/book/form" formnovalidate>Change the details</button>');

  // "Change the details": the form again, with everything as it was typed.
  const change = await postForm(app, "/en/caseworker/offices/zwolle/book/form", hidden);
  t.equal(change.statusCode, 200);
  t.equal(change.headers["cache-control"], "no-store");
  t.match(change.body, "<h1>Details of you and your client</h1>");
  t.match(change.body, 'value="Sanne de Vries"');
  t.match(change.body, 'value="tariq@example.org"');
  t.match(change.body, '<option value="church" selected>');
  t.equal(inputValue(change.body, "formKey"), formKey, "the same key");
  t.notMatch(change.body, 'name="confirm"', "the form itself leads to the check step again, not to booking");

  // Changed, checked again, and confirmed twice (a double click): one booking.
  const changed = { ...fields, name: "Tariq A." };
  const checkAgain = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...changed, slot, formKey });
  t.match(mainText(checkAgain.body), "Name or alias of the client Tariq A.");
  const [first, second] = await Promise.all([
    postForm(app, "/en/caseworker/offices/zwolle/book", { ...changed, slot, formKey, confirm: "yes" }),
    postForm(app, "/en/caseworker/offices/zwolle/book", { ...changed, slot, formKey, confirm: "yes" }),
  ]);
  t.equal(first.statusCode, 303);
  t.equal(second.statusCode, 303);
  t.equal(location(first), location(second), "the same booking");
  t.equal(await db.booking.count(), 1);
  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.name, booking.channel, booking.locale, booking.referrerName], ["Tariq A.", "CASEWORKER", "fa", "Sanne de Vries"]);
  const confirmation = await app.inject({ url: location(first) });
  t.same(steps(confirmation.body), ["(Steps)", "Location [done]", "Time [done]", "Details [done]", "Check [done]", "Done [current]"]);
});

t.test("the check step never books what the form would refuse", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await app.inject({ url: `/en/caseworker/offices/zwolle/book?slot=${slot}` });
  const formKey = inputValue(form.body, "formKey");
  const wrong = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...fields, caseworkerEmail: "sanne@", slot, formKey });
  t.equal(wrong.statusCode, 422, "mistakes come back on the form, not on the check step");
  t.match(wrong.body, "<h1>Details of you and your client</h1>");
  const tampered = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...fields, consent: "", slot, formKey, confirm: "yes" });
  t.equal(tampered.statusCode, 422, "a confirmed post is checked again");
  t.equal(await db.booking.count(), 0);
});
