// User administration: create with a one-time password, edit, disable, reset, and the
// rules that keep an administrator in charge.
import t from "tap";
import { updateStaffUser } from "../../src/domain/accounts/update-staff-user.ts";
import { setStaffUserDisabled } from "../../src/domain/accounts/set-staff-user-disabled.ts";
import { buildTestApp } from "../helpers/app.ts";
import { location, mainText } from "../helpers/forms.ts";
import { Browser, createStaff, PASSWORD, signedIn } from "../helpers/staff.ts";

const passwordOf = (html: string) => /<code class="password" translate="no">([^<]+)<\/code>/.exec(html)?.[1];
const errorsOf = (html: string) => [...html.matchAll(/<p class="field-error" id="error-(\w+)">.*?<\/span>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);

async function officeId(db: Awaited<ReturnType<typeof buildTestApp>>["db"], slug: string) {
  return (await db.office.findUniqueOrThrow({ where: { slug } })).id;
}

t.test("an admin creates a user, sees the password once, and that user can sign in with it", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN", name: "Ada Admin" });
  const form = await admin.get("/staff/users/new");
  t.equal(form.statusCode, 200);
  t.match(form.body, '<input type="checkbox" id="field-offices" name="offices" value=');
  const zwolle = await officeId(db, "zwolle");
  const tilburg = await officeId(db, "tilburg");
  const created = await admin.post("/staff/users", { name: " Olga Officer ", email: " Olga@IOM.test ", role: "OFFICER", offices: [String(zwolle), String(tilburg)] });
  t.equal(created.statusCode, 200);
  t.match(created.headers["cache-control"], "no-store");
  const password = passwordOf(created.body);
  t.match(password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/, "a readable one-time password");
  t.match(mainText(created.body), "The account of Olga Officer has been created. Email address: olga@iom.test");

  const user = await db.staffUser.findUniqueOrThrow({ where: { email: "olga@iom.test" }, include: { offices: { orderBy: { officeId: "asc" } } } });
  t.same(
    { name: user.name, role: user.role, disabled: user.disabled, offices: user.offices.map((o) => o.officeId) },
    { name: "Olga Officer", role: "OFFICER", disabled: false, offices: [zwolle, tilburg].sort((a, b) => a - b) },
  );
  t.match(user.passwordHash, /^\$argon2id\$/, "only the hash is stored");

  const list = await admin.get("/staff/users");
  t.match(mainText(list.body), "Olga Officer olga@iom.test Project officer Zwolle — Wijkcentrum Holtenbroek, Tilburg Active");
  t.match(mainText(list.body), "Ada Admin admin-all@iom.test Administrator All offices Active");
  const edit = await admin.get(`/staff/users/${user.id}`);
  for (const page of [list.body, edit.body]) t.notMatch(page, password!, "the password is not shown again");

  const olga = new Browser(app);
  t.equal((await olga.signIn("olga@iom.test", password)).statusCode, 303, "the new user signs in with it");
  for (const page of ["/staff", "/staff/bookings", "/staff/offices/1/day"]) {
    const away = await olga.get(page);
    const back = page === "/staff" ? "" : `?next=${encodeURIComponent(page)}`;
    t.same([away.statusCode, away.headers.location], [303, `/staff/password${back}`], `${page}: first a password of her own`);
  }
  const ask = await olga.get("/staff/password");
  t.equal(ask.statusCode, 200);
  t.match(mainText(ask.body), "U bent aangemeld met een wachtwoord dat u hebt gekregen. Kies eerst uw eigen wachtwoord.", "(new users read Dutch)");
  const same = await olga.post("/staff/password", { current: password!, password: password!, repeat: password! });
  t.equal(same.statusCode, 422);
  t.match(mainText(same.body), "Het nieuwe wachtwoord moet anders zijn dan het huidige.", "the one-time password cannot be kept");
  t.same([(await olga.get("/staff")).headers.location], ["/staff/password"], "and the staff side stays closed");
  const own = "a passphrase of her own choosing";
  const changed = await olga.post("/staff/password", { current: password!, password: own, repeat: own });
  t.same([changed.statusCode, changed.headers.location], [303, "/staff"], "then on to the staff side");
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { email: "olga@iom.test" } })).mustChangePassword, false);
  t.match((await olga.get("/staff")).body, "Tilburg", "then the staff side opens");

  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "user.created" } });
  t.same({ entityType: audit.entityType, entityId: audit.entityId, detail: JSON.parse(audit.detail!) as unknown }, { entityType: "user", entityId: user.id, detail: { role: "OFFICER", offices: [zwolle, tilburg].sort((a, b) => a - b).join(",") } });
});

t.test("the form refuses bad input and a taken email with field errors, keeping what was typed", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "taken@iom.test" });
  const count = await db.staffUser.count();

  const bad = await admin.post("/staff/users", { name: "", email: "not-an-email", role: "RECEPTION" });
  t.equal(bad.statusCode, 422);
  t.same(errorsOf(bad.body), [
    ["name", "Enter a name."],
    ["email", "Enter a valid email address, such as name@iom.int."],
    ["offices", "Choose at least one office for a project officer or reception."],
  ]);
  t.match(bad.body, 'value="not-an-email"', "what was typed stays");

  const duplicate = await admin.post("/staff/users", { name: "Second", email: "TAKEN@iom.test", role: "OFFICER", offices: String(await officeId(db, "zwolle")) });
  t.equal(duplicate.statusCode, 422);
  t.same(errorsOf(duplicate.body), [["email", "There is already a user with this email address."]]);
  t.match(duplicate.body, 'aria-invalid="true"');

  const odd = await admin.post("/staff/users", { name: "X", email: "x@iom.test", role: "SUPERUSER", offices: ["999999", "abc"] });
  t.equal(odd.statusCode, 422);
  t.same(errorsOf(odd.body).map(([field]) => field), ["role", "offices"]);
  const unknownOffice = await admin.post("/staff/users", { name: "X", email: "x@iom.test", role: "OFFICER", offices: "999999" });
  t.same(errorsOf(unknownOffice.body), [["offices", "Choose only offices from the list."]]);
  t.equal(await db.staffUser.count(), count, "no user was made");
});

t.test("disabling signs the user out at once and blocks sign-in; enabling lets them back", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const { browser: officer, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.equal((await officer.get("/staff")).statusCode, 200);

  const disabled = await admin.post(`/staff/users/${user.id}/disable`);
  t.equal(location(disabled), `/staff/users/${user.id}?done=disabled`);
  t.match(mainText((await admin.get(location(disabled))).body), "The user has been disabled and signed out everywhere.");
  t.equal(await db.staffSession.count({ where: { userId: user.id } }), 0, "their sessions are gone");
  t.equal((await officer.get("/staff")).statusCode, 303, "signed out at once");
  t.equal((await new Browser(app).signIn(user.email)).statusCode, 401, "and cannot sign in");
  t.match(mainText((await admin.get("/staff/users")).body), "OFFICER zwolle officer-zwolle@iom.test Project officer Zwolle — Wijkcentrum Holtenbroek Disabled");

  t.equal(location(await admin.post(`/staff/users/${user.id}/enable`)), `/staff/users/${user.id}?done=enabled`);
  t.equal((await new Browser(app).signIn(user.email)).statusCode, 303, "enabled again");
  t.same(
    (await db.auditEntry.findMany({ where: { entityType: "user", entityId: user.id, action: { not: "user.signed-in" } }, orderBy: { id: "asc" } })).map((a) => [a.action, a.detail]),
    [["user.disabled", '{"role":"OFFICER"}'], ["user.enabled", '{"role":"OFFICER"}']],
  );
  t.equal((await admin.post("/staff/users/999999/disable")).statusCode, 404);
  t.equal((await admin.post("/staff/users/abc/disable")).statusCode, 404);
});

t.test("changing role and offices takes effect at the user's next request", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const { browser: officer, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.equal((await officer.get("/staff/outbox")).statusCode, 200);
  const tilburg = await officeId(db, "tilburg");

  const saved = await admin.post(`/staff/users/${user.id}`, { name: "Renamed Person", role: "RECEPTION", offices: String(tilburg) });
  t.equal(location(saved), `/staff/users/${user.id}?done=saved`);
  const after = await db.staffUser.findUniqueOrThrow({ where: { id: user.id }, include: { offices: true } });
  t.same([after.name, after.role, after.offices.map((o) => o.officeId)], ["Renamed Person", "RECEPTION", [tilburg]]);
  t.equal((await officer.get("/staff/outbox")).statusCode, 403, "reception now");
  const today = await officer.get("/staff");
  t.match(today.body, "Tilburg");
  t.notMatch(today.body, "Zwolle", "only the new office");

  const noOffice = await admin.post(`/staff/users/${user.id}`, { name: "Renamed Person", role: "OFFICER" });
  t.equal(noOffice.statusCode, 422);
  t.same(errorsOf(noOffice.body), [["offices", "Choose at least one office for a project officer or reception."]]);
  const promoted = await admin.post(`/staff/users/${user.id}`, { name: "Renamed Person", role: "ADMIN" });
  t.equal(promoted.statusCode, 303, "an administrator needs no office");
  t.equal((await officer.get("/staff/users")).statusCode, 200, "and may now manage users");
  t.equal((await admin.post("/staff/users/999999", { name: "X", role: "ADMIN" })).statusCode, 404);
});

t.test("the last admin cannot demote or disable themselves", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin, user } = await signedIn(app, db, { role: "ADMIN", name: "Only Admin" });
  const demote = await admin.post(`/staff/users/${user.id}`, { name: "Only Admin", role: "OFFICER", offices: String(await officeId(db, "zwolle")) });
  t.equal(demote.statusCode, 422);
  t.same(errorsOf(demote.body), [["role", "You cannot take away your own administrator role."]]);
  const disable = await admin.post(`/staff/users/${user.id}/disable`);
  t.equal(disable.statusCode, 409);
  t.match(mainText(disable.body), "You cannot disable yourself.");
  t.notMatch(disable.body, `action="/staff/users/${user.id}/disable"`, "no disable button on one's own account");
  const reset = await admin.post(`/staff/users/${user.id}/password`);
  t.equal(reset.statusCode, 409);
  t.match(mainText(reset.body), "You change your own password on the Password page.");
  const unchanged = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
  t.same([unchanged.role, unchanged.disabled], ["ADMIN", false]);
  t.equal((await admin.get("/staff/users")).statusCode, 200, "still signed in and in charge");

  // Whoever acts, the last active administrator keeps the role and stays enabled.
  const system = { type: "system" as const };
  const now = new Date("2026-11-30T08:00:00Z");
  t.same(await updateStaffUser(db, { actor: system, userId: user.id, name: "x", role: "OFFICER", officeIds: [] }, now), { kind: "last-admin" });
  t.same(await setStaffUserDisabled(db, { actor: system, userId: user.id, disabled: true }, now), { kind: "last-admin" });

  // With a second administrator, one may demote the other — but still not themselves.
  const second = await createStaff(db, { role: "ADMIN", email: "second@iom.test", name: "Second Admin" });
  t.equal((await admin.post(`/staff/users/${second.id}`, { name: "Second Admin", role: "OFFICER", offices: String(await officeId(db, "zwolle")) })).statusCode, 303);
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: second.id } })).role, "OFFICER");
  t.same(
    (await db.auditEntry.findMany({ where: { action: "user.updated" } })).map((a) => JSON.parse(a.detail!) as unknown),
    [{ role: "OFFICER", previousRole: "ADMIN", offices: String(await officeId(db, "zwolle")) }],
  );
});

t.test("resetting a password shows a new one once and ends the user's sessions", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const { browser: officer, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const reset = await admin.post(`/staff/users/${user.id}/password`);
  t.equal(reset.statusCode, 200);
  const password = passwordOf(reset.body);
  t.match(password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  t.match(mainText(reset.body), "OFFICER zwolle has a new password and has been signed out everywhere.");
  t.equal((await officer.get("/staff")).statusCode, 303, "signed out");
  t.equal((await new Browser(app).signIn(user.email, PASSWORD)).statusCode, 401, "the old password no longer works");
  t.equal((await new Browser(app).signIn(user.email, password)).statusCode, 303, "the new one does");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "user.password-reset" } });
  t.same([audit.entityId, audit.detail], [user.id, '{"role":"OFFICER"}']);
  const everything = JSON.stringify(await db.auditEntry.findMany());
  t.notMatch(everything, password!, "no password in the log");
  t.notMatch(everything, user.email, "no email in the log");
  t.notMatch(everything, user.name, "no name in the log");
});
