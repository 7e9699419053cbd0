// Offices (consultation locations): an administrator adds and changes them, with field
// errors for bad input and an audit entry for each change.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { location, mainText } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

const errorsOf = (html: string) => [...html.matchAll(/<p class="field-error" id="error-(\w+)">.*?<\/span>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);

const terApel = {
  slug: "ter-apel",
  name: "Ter Apel — aanmeldcentrum",
  street: "Ter Apelervenen 2",
  postalCode: "9561mc",
  city: "Ter Apel",
  phone: "",
  email: "terapel@iom.test",
  directions: "Meld u bij de poort.",
  active: "yes",
};

t.test("an admin adds an office; it is on the list and on the public pages", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const { browser: admin, user } = await signedIn(app, db, { role: "ADMIN" });
  t.equal((await admin.get("/staff/offices/new")).statusCode, 200);
  const created = await admin.post("/staff/offices", terApel);
  t.equal(created.statusCode, 303);
  const office = await db.office.findUniqueOrThrow({ where: { slug: "ter-apel" } });
  t.equal(location(created), `/staff/offices/${office.id}/edit?done=created`);
  const { id, createdAt, ...fields } = office;
  t.same(fields, {
    slug: "ter-apel",
    name: "Ter Apel — aanmeldcentrum",
    isHeadOffice: false,
    street: "Ter Apelervenen 2",
    postalCode: "9561 MC",
    city: "Ter Apel",
    timeZone: "Europe/Amsterdam",
    phone: null,
    email: "terapel@iom.test",
    directions: "Meld u bij de poort.",
    active: true,
  });
  t.same(createdAt, clock.now());
  t.match(mainText((await admin.get(location(created))).body), "The office has been created.");
  t.match(mainText((await admin.get("/staff/offices")).body), "Ter Apel — aanmeldcentrum ter-apel Ter Apelervenen 2, 9561 MC Ter Apel Active");
  t.match((await app.inject({ url: "/nl/" })).body, "Ter Apel — aanmeldcentrum", "clients can find it");
  t.equal((await app.inject({ url: "/nl/offices/ter-apel" })).statusCode, 200);
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "office" } });
  t.same(
    { action: audit.action, actorId: audit.actorId, entityId: audit.entityId, officeId: audit.officeId, detail: audit.detail },
    { action: "office.created", actorId: user.id, entityId: id, officeId: id, detail: '{"slug":"ter-apel","active":true}' },
  );
});

t.test("bad slug, taken slug and a missing city are refused with field errors", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const before = await db.office.count();

  const bad = await admin.post("/staff/offices", { ...terApel, slug: "Ter Apel!", city: "  ", postalCode: "12345", email: "nope", phone: "call me" });
  t.equal(bad.statusCode, 422);
  t.same(errorsOf(bad.body), [
    ["slug", "Use only lowercase letters, digits and dashes (not at the start or end), at most 60 characters."],
    ["postalCode", "Enter a Dutch postal code, such as 8031 RK."],
    ["city", "Enter the city."],
    ["phone", "Enter a phone number with only digits, spaces, dashes and possibly a leading +."],
    ["email", "Enter a valid email address or leave the field empty."],
  ]);
  t.match(bad.body, 'value="Ter Apel!"', "what was typed stays");
  t.match(bad.body, "<title>Error: New office");

  for (const slug of ["-zwolle", "zwolle-", "zw--olle", "a".repeat(61), ""]) {
    const response = await admin.post("/staff/offices", { ...terApel, slug });
    t.equal(response.statusCode, 422, `slug "${slug.slice(0, 10)}" refused`);
    t.equal(errorsOf(response.body)[0]?.[0], "slug");
  }
  const taken = await admin.post("/staff/offices", { ...terApel, slug: "zwolle" });
  t.equal(taken.statusCode, 422);
  t.same(errorsOf(taken.body), [["slug", "Another office already uses this address."]]);
  const missing = await admin.post("/staff/offices", { slug: "x" });
  t.same(errorsOf(missing.body).map(([field]) => field), ["name", "street", "postalCode", "city"]);
  t.equal(await db.office.count(), before, "nothing was added");
  t.equal(await db.auditEntry.count({ where: { entityType: "office" } }), 0);
});

t.test("an admin edits an office, keeps or changes its slug, and can deactivate it", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const tilburg = await db.office.findUniqueOrThrow({ where: { slug: "tilburg" } });
  const form = await admin.get(`/staff/offices/${tilburg.id}/edit`);
  t.equal(form.statusCode, 200);
  t.match(form.body, 'name="slug" type="text" maxlength="60" value="tilburg"');
  t.match(form.body, 'id="field-active" name="active" value="yes" checked');

  const fields = { slug: "tilburg", name: "Tilburg centrum", street: tilburg.street, postalCode: tilburg.postalCode, city: "Tilburg", phone: "013 123 45 67", email: "", directions: "" };
  const saved = await admin.post(`/staff/offices/${tilburg.id}/edit`, fields);
  t.equal(location(saved), `/staff/offices/${tilburg.id}/edit?done=saved`);
  const after = await db.office.findUniqueOrThrow({ where: { id: tilburg.id } });
  t.same([after.slug, after.name, after.phone, after.directions, after.active], ["tilburg", "Tilburg centrum", "013 123 45 67", null, false], "unchecked = inactive");
  t.equal((await app.inject({ url: "/nl/offices/tilburg" })).statusCode, 404, "an inactive office takes no bookings");

  const clash = await admin.post(`/staff/offices/${tilburg.id}/edit`, { ...fields, slug: "zwolle", active: "yes" });
  t.equal(clash.statusCode, 422);
  t.same(errorsOf(clash.body), [["slug", "Another office already uses this address."]]);
  const noCity = await admin.post(`/staff/offices/${tilburg.id}/edit`, { ...fields, city: "" });
  t.same(errorsOf(noCity.body), [["city", "Enter the city."]]);
  t.equal((await db.office.findUniqueOrThrow({ where: { id: tilburg.id } })).active, false, "refused edits change nothing");

  const renamed = await admin.post(`/staff/offices/${tilburg.id}/edit`, { ...fields, slug: "tilburg-centrum", active: "yes" });
  t.equal(renamed.statusCode, 303);
  t.equal((await app.inject({ url: "/nl/offices/tilburg-centrum" })).statusCode, 200);
  t.same(
    (await db.auditEntry.findMany({ where: { entityType: "office" }, orderBy: { id: "asc" } })).map((a) => [a.action, a.entityId, a.detail]),
    [
      ["office.updated", tilburg.id, '{"slug":"tilburg","active":false}'],
      ["office.updated", tilburg.id, '{"slug":"tilburg-centrum","active":true}'],
    ],
  );
  t.equal((await admin.get("/staff/offices/999999/edit")).statusCode, 404);
  t.equal((await admin.post("/staff/offices/abc/edit", fields)).statusCode, 404);
});
