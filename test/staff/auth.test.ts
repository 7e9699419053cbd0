import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { onPostgres } from "../helpers/database.ts";
import { mainText } from "../helpers/forms.ts";
import { Browser, createStaff, PASSWORD, signedIn } from "../helpers/staff.ts";

t.test("signing in and out", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const user = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test" });
  const browser = new Browser(app);

  const anonymous = await browser.get("/staff/password");
  t.equal(anonymous.statusCode, 303, "anonymous users are sent to sign in");
  t.equal(anonymous.headers.location, "/staff/login?next=%2Fstaff%2Fpassword");

  const form = await browser.get("/staff/login");
  t.equal(form.statusCode, 200);
  t.match(form.body, "<h1>Aanmelden</h1>", "Dutch before anyone is known");
  const before = browser.cookies.get("spreekuur_staff");
  t.equal(before, undefined);

  const response = await browser.signIn("Officer@IOM.test ");
  t.equal(response.statusCode, 303);
  t.equal(response.headers.location, "/staff");
  const cookie = (response.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string; path?: string }>).find((c) => c.name === "spreekuur_staff");
  t.same([cookie?.httpOnly, cookie?.sameSite, cookie?.path], [true, "Lax", "/staff"], "HttpOnly, SameSite, only for /staff");
  t.match(String(response.headers["set-cookie"]), /Secure/, "Secure on an https site");
  const today = await browser.get("/staff");
  t.equal(today.statusCode, 200);
  t.match(today.body, "<h1>Today</h1>");
  t.match(today.body, "Zwolle — Wijkcentrum Holtenbroek");
  t.notMatch(today.body, "Tilburg", "only the user's own offices");
  t.equal(await db.staffSession.count({ where: { userId: user.id } }), 1);
  const session = await db.staffSession.findFirstOrThrow();
  t.not(session.idHash, browser.cookies.get("spreekuur_staff"), "only the hash of the session id is stored");

  // A browser that still carries an old session id gets a new one when it signs in.
  const first = browser.cookies.get("spreekuur_staff");
  clock.advance(31 * 60_000);
  await browser.signIn("officer@iom.test");
  t.ok(browser.cookies.get("spreekuur_staff"));
  t.not(browser.cookies.get("spreekuur_staff"), first, "a new session id at every sign-in");
  t.equal(await db.staffSession.count(), 1, "the old session is gone");

  const out = await browser.post("/staff/logout");
  t.equal(out.statusCode, 303);
  t.equal(await db.staffSession.count(), 0);
  t.equal((await browser.get("/staff")).statusCode, 303, "signed out");
  const audit = await db.auditEntry.findMany({ where: { action: "user.signed-in" } });
  t.equal(audit.length, 2);
});

t.test("a wrong password and an unknown email get the same answer, and repeated failures slow down", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test" });
  const browser = new Browser(app);
  const wrong = await browser.signIn("desk@iom.test", "not the password");
  const unknown = await browser.signIn("nobody@iom.test", "not the password");
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  const message = (html: string) => /<div class="error-summary"[^>]*><p>([^<]+)<\/p>/.exec(html)?.[1];
  t.equal(message(wrong.body), "Het e-mailadres of het wachtwoord klopt niet.");
  t.equal(message(unknown.body), message(wrong.body));

  for (let i = 0; i < 4; i++) await browser.signIn("desk@iom.test", "guess");
  const slowed = await browser.signIn("desk@iom.test", PASSWORD);
  t.equal(slowed.statusCode, 429, "after repeated failures even the right password must wait");
  t.match(message(slowed.body), "Wacht een paar minuten");
  for (let i = 0; i < 5; i++) await browser.signIn("ghost@iom.test", "guess");
  t.equal((await browser.signIn("ghost@iom.test", "guess")).statusCode, 429, "unknown emails slow down the same way");
  clock.advance(2_000);
  t.equal((await browser.signIn("desk@iom.test", PASSWORD)).statusCode, 303, "after the wait the right password works");
});

t.test("28 wrong passwords sent at once: five are checked, the rest must wait unchecked", async (t) => {
  const { app, db } = await buildTestApp(t);
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test" });
  // Each from a browser of its own, as a script would send them; the clock stands still.
  const answers = await Promise.all(Array.from({ length: 28 }, (_, i) => new Browser(app).signIn("desk@iom.test", `guess ${i}`)));
  const statuses = answers.map((a) => a.statusCode);
  t.equal(statuses.filter((s) => s === 401).length, 5, "five checked and refused");
  t.equal(statuses.filter((s) => s === 429).length, 23, "the rest must wait, unchecked");
  t.equal((await new Browser(app).signIn("desk@iom.test", PASSWORD)).statusCode, 429, "and so must the right password");
});

t.test("one address may try to sign in 30 times in 15 minutes, whichever emails it tries", async (t) => {
  const { app, db } = await buildTestApp(t);
  await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "o@iom.test" });
  const browser = new Browser(app);
  // A different email each time, so the per-account slow-down never starts.
  for (let i = 0; i < 30; i++) t.equal((await browser.signIn(`guess${i}@iom.test`, "guess")).statusCode, 401);
  const limited = await browser.signIn("o@iom.test");
  t.equal(limited.statusCode, 429, "the 31st attempt is refused, even with the right password");
  t.equal(mainText(limited.body), "Even wachten Er kwamen te veel verzoeken tegelijk. Wacht een paar minuten en probeer het opnieuw. Terug naar het overzicht van vandaag");
  t.equal(await db.staffSession.count(), 0, "not signed in");
});

t.test("the login form needs its own cookie, so another site cannot sign a browser in", async (t) => {
  const { app, db } = await buildTestApp(t);
  await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "o@iom.test" });
  const forged = await app.inject({
    method: "POST",
    url: "/staff/login",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: `email=o%40iom.test&password=${encodeURIComponent(PASSWORD)}&_login=made-up`,
  });
  t.equal(forged.statusCode, 400);
  t.equal(await db.staffSession.count(), 0);
});

t.test("state-changing staff requests need the session's CSRF token", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const missing = await browser.post("/staff/language", { _csrf: "", locale: "nl", next: "/staff" });
  t.equal(missing.statusCode, 403);
  t.match(missing.body, "<h1>No access</h1>");
  const wrong = await browser.post("/staff/logout", { _csrf: "x".repeat(32) });
  t.equal(wrong.statusCode, 403);
  t.equal(await db.staffSession.count(), 1, "still signed in");
  const right = await browser.post("/staff/language", { locale: "nl", next: "/staff" });
  t.equal(right.statusCode, 303);
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).locale, "nl");
  t.match((await browser.get("/staff")).body, "<h1>Vandaag</h1>", "the staff pages now speak Dutch");
});

t.test("an idle session expires", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  clock.advance(29 * 60_000);
  t.equal((await browser.get("/staff")).statusCode, 200, "29 minutes idle: still signed in");
  clock.advance(29 * 60_000);
  t.equal((await browser.get("/staff")).statusCode, 200, "activity keeps it alive");
  clock.advance(31 * 60_000);
  const expired = await browser.get("/staff");
  t.equal(expired.statusCode, 303);
  t.equal(await db.staffSession.count(), 0);
});

t.test("a disabled account is signed out and cannot sign in", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  await db.staffUser.update({ where: { id: user.id }, data: { disabled: true } });
  t.equal((await browser.get("/staff")).statusCode, 303);
  t.equal((await browser.signIn(user.email)).statusCode, 401);
});

t.test("changing the password", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const other = new Browser(app);
  await other.signIn(user.email);
  const bad = await browser.post("/staff/password", { current: "wrong", password: "short", repeat: "other" });
  t.equal(bad.statusCode, 422);
  const text = mainText(bad.body);
  t.match(text, "The current password is not right.");
  t.match(text, "The new password must have at least 12 characters.");
  t.match(text, "The two new passwords are not the same.");
  const good = await browser.post("/staff/password", { current: PASSWORD, password: "a much longer new secret", repeat: "a much longer new secret" });
  t.equal(good.statusCode, 200);
  t.match(good.body, "Your password has been changed.");
  t.equal((await other.get("/staff")).statusCode, 303, "other browsers are signed out");
  t.equal((await browser.get("/staff")).statusCode, 200, "this one stays signed in");
  t.equal((await new Browser(app).signIn(user.email, "a much longer new secret")).statusCode, 303);
});

t.test("the first administrator comes from the seed, with a password shown once", async (t) => {
  const { db, clock } = await buildTestApp(t);
  const { seedDatabase } = await import("../../src/domain/install/seed.ts");
  const first = await seedDatabase(db, clock, { admin: { email: "admin@spreekuur.local", password: null } });
  t.equal(first.admin?.email, "admin@spreekuur.local");
  t.match(first.admin?.generatedPassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  const again = await seedDatabase(db, clock, { admin: { email: "admin@spreekuur.local", password: null } });
  t.equal(again.admin, undefined, "not again");
  const admin = await db.staffUser.findUniqueOrThrow({ where: { email: "admin@spreekuur.local" } });
  t.equal(admin.role, "ADMIN");
  t.match(admin.passwordHash, /^\$argon2id\$/);
});

// A page and a cookie, no account: the same on either engine, so run on SQLite alone (the
// test command runs this file on PostgreSQL too, for its sessions and throttles).
if (!onPostgres) t.test("the sign-in page speaks English when asked, before anyone signs in", async (t) => {
  const { app } = await buildTestApp(t);
  const dutch = await app.inject({ url: "/staff/login" });
  t.match(dutch.body, '<a href="/staff/login/en?next=%2Fstaff" lang="en" hreflang="en">English</a>');
  const choose = await app.inject({ url: "/staff/login/en?next=/staff/bookings" });
  t.equal(choose.statusCode, 303);
  t.equal(choose.headers.location, "/staff/login?next=%2Fstaff%2Fbookings", "back to the sign-in, keeping where it leads");
  const cookie = (choose.cookies as Array<{ name: string; value: string; path?: string; httpOnly?: boolean }>).find((c) => c.name === "staff_lang");
  t.same([cookie?.value, cookie?.path, cookie?.httpOnly], ["en", "/staff", true]);
  const english = await app.inject({ url: "/staff/login", headers: { cookie: "staff_lang=en" } });
  t.match(english.body, '<html lang="en"');
  t.match(english.body, '<strong lang="en">English</strong>');
  t.equal((await app.inject({ url: "/staff/login/de" })).statusCode, 404);
  const away = await app.inject({ url: "/staff/login/en?next=https://evil.example/" });
  t.equal(away.headers.location, "/staff/login", "never leads off the staff side");
});

t.test("a one-time password: the sign-in page's language carries over, the language button works, and the change goes on to the page asked for", async (t) => {
  const { app, db } = await buildTestApp(t);
  const user = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], locale: "nl" });
  await db.staffUser.update({ where: { id: user.id }, data: { mustChangePassword: true } });
  const browser = new Browser(app);
  // Sent to sign in on the way to the bookings; English is chosen on the sign-in page.
  t.equal((await browser.get("/staff/bookings")).headers.location, "/staff/login?next=%2Fstaff%2Fbookings");
  t.equal((await browser.get("/staff/login/en?next=/staff/bookings")).headers.location, "/staff/login?next=%2Fstaff%2Fbookings");
  const form = await browser.get("/staff/login?next=%2Fstaff%2Fbookings");
  t.match(form.body, '<html lang="en"');
  const nonce = /name="_login" value="([^"]+)"/.exec(form.body)![1]!;
  const signIn = await browser.post("/staff/login", { email: user.email, password: PASSWORD, _login: nonce, next: "/staff/bookings", _csrf: undefined });
  t.equal(signIn.headers.location, "/staff/bookings");
  const away = await browser.get("/staff/bookings");
  t.same([away.statusCode, away.headers.location], [303, "/staff/password?next=%2Fstaff%2Fbookings"], "first a password of one's own, remembering the way");
  const ask = await browser.get("/staff/password?next=%2Fstaff%2Fbookings");
  t.match(ask.body, '<html lang="en"', "still in the language chosen at sign-in");
  t.match(mainText(ask.body), "Choose your own password before you go on.");
  t.match(ask.body, '<input type="hidden" name="next" value="/staff/bookings">');
  t.match(ask.body, '<input type="hidden" name="next" value="/staff/password?next=%2Fstaff%2Fbookings">', "the language button comes back here");
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).locale, "en");

  // The language button works before the password is changed.
  const dutch = await browser.post("/staff/language", { locale: "nl", next: "/staff/password?next=%2Fstaff%2Fbookings" });
  t.same([dutch.statusCode, dutch.headers.location], [303, "/staff/password?next=%2Fstaff%2Fbookings"]);
  const inDutch = await browser.get("/staff/password?next=%2Fstaff%2Fbookings");
  t.match(inDutch.body, '<html lang="nl"');
  t.match(mainText(inDutch.body), "Kies eerst uw eigen wachtwoord.");

  const own = "a passphrase of my own choosing";
  const changed = await browser.post("/staff/password", { current: PASSWORD, password: own, repeat: own, next: "/staff/bookings" });
  t.same([changed.statusCode, changed.headers.location], [303, "/staff/bookings"], "on to where the user was going");
  t.equal((await browser.get("/staff/bookings")).statusCode, 200);

  // Only a page of the staff side: anything else leads to the staff home page.
  let password = own;
  for (const next of ["//evil.example/", "https://evil.example/", "/staff//evil.example", "/\\evil.example", "javascript:alert(1)", "/staff\\..\\..\\x", "/"]) {
    await db.staffUser.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const page = await browser.get(`/staff/password?next=${encodeURIComponent(next)}`);
    t.match(page.body, '<input type="hidden" name="next" value="/staff">', `${next}: not offered`);
    const fresh = `${password} again`;
    const result = await browser.post("/staff/password", { current: password, password: fresh, repeat: fresh, next });
    t.same([result.statusCode, result.headers.location], [303, "/staff"], `${next}: not followed`);
    password = fresh;
  }
});

t.test("a language chosen on the sign-in page does not replace the language of an account that has its own password", async (t) => {
  const { app, db } = await buildTestApp(t);
  const user = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], locale: "nl" });
  const browser = new Browser(app);
  await browser.get("/staff/login/en");
  t.equal((await browser.signIn(user.email)).statusCode, 303);
  t.match((await browser.get("/staff")).body, '<html lang="nl"');
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).locale, "nl");
});
