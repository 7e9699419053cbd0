// Offices (consultation locations): an administrator adds and changes them — with whom
// clients call and the office's texts in other languages — with field errors for bad
// input and an audit entry for each change.
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
  phone: "0599 123 456",
  email: "terapel@iom.test",
  hours1: "9:00-12:00",
  hours2: "09.00 – 12.00",
  hours3: "09:00–12:00",
  hours4: "",
  hours5: "13:00-16:00",
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
    phone: "0599 123 456",
    email: "terapel@iom.test",
    deskHours: "1=09:00-12:00;2=09:00-12:00;3=09:00-12:00;5=13:00-16:00",
    contactConfirmedAt: clock.now(),
    directions: "Meld u bij de poort.",
    active: true,
  });
  t.same(createdAt, clock.now());
  t.match(mainText((await admin.get(location(created))).body), "The office has been created.");
  t.match(mainText((await admin.get("/staff/offices")).body), "Ter Apel — aanmeldcentrum ter-apel Ter Apelervenen 2, 9561 MC Ter Apel Active");
  t.match((await app.inject({ url: "/nl/" })).body, "Ter Apel — aanmeldcentrum", "clients can find it");
  const page = await app.inject({ url: "/nl/offices/ter-apel" });
  t.equal(page.statusCode, 200);
  t.match(mainText(page.body), "Vragen? Neem contact op met het kantoor Telefoon 0599 123 456 E-mail terapel@iom.test Balie open maandag–woensdag 09:00–12:00 vrijdag 13:00–16:00");
  t.match(page.body, '<a href="tel:+31599123456">0599 123 456</a>');
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

  const bad = await admin.post("/staff/offices", { ...terApel, slug: "Ter Apel!", city: "  ", postalCode: "12345", email: "nope", phone: "call me", hours2: "9 to 5", hours3: "17:00-09:00" });
  t.equal(bad.statusCode, 422);
  t.same(errorsOf(bad.body), [
    ["slug", "Use only lowercase letters, digits and dashes (not at the start or end), at most 60 characters."],
    ["postalCode", "Enter a Dutch postal code, such as 8031 RK."],
    ["city", "Enter the city."],
    ["phone", "Enter a phone number with only digits, spaces, dashes and possibly a leading +."],
    ["email", "Enter a valid email address, such as desk@iom.int."],
    ["hours2", "Enter the hours as opening and closing time, such as 09:00–17:00."],
    ["hours3", "Enter the hours as opening and closing time, such as 09:00–17:00."],
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
  t.same(errorsOf(missing.body).map(([field]) => field), ["name", "street", "postalCode", "city", "phone", "email"]);
  const noHours = await admin.post("/staff/offices", { ...terApel, hours1: "", hours2: "", hours3: "", hours5: "" });
  t.same(errorsOf(noHours.body), [["hours1", "Enter the desk hours of at least one day."]]);
  const longText = await admin.post("/staff/offices", { ...terApel, name_ar: "ا".repeat(121) });
  t.same(errorsOf(longText.body), [["name_ar", "This text is too long."]]);
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
  t.match(mainText(form.body), "Contact details not yet confirmed. The phone number, email address and desk hours are placeholders", "the seed's placeholders are pointed out");
  t.match(mainText((await admin.get("/staff/offices")).body), "Tilburg tilburg Spoorlaan 444, 5038 CH Tilburg Active contact details not yet confirmed");
  t.match(form.body, 'name="hours1" type="text" maxlength="13" value="09:00–17:00"');

  const fields = { slug: "tilburg", name: "Tilburg centrum", street: tilburg.street, postalCode: tilburg.postalCode, city: "Tilburg", phone: "013 123 45 67", email: "tilburg@iom.test", hours4: "10:00-14:00", directions: "" };
  const saved = await admin.post(`/staff/offices/${tilburg.id}/edit`, fields);
  t.equal(location(saved), `/staff/offices/${tilburg.id}/edit?done=saved`);
  const after = await db.office.findUniqueOrThrow({ where: { id: tilburg.id } });
  t.same([after.slug, after.name, after.phone, after.email, after.deskHours, after.directions, after.active], ["tilburg", "Tilburg centrum", "013 123 45 67", "tilburg@iom.test", "4=10:00-14:00", null, false], "unchecked = inactive");
  t.notMatch(mainText((await admin.get(`/staff/offices/${tilburg.id}/edit`)).body), "not yet confirmed", "saving confirmed the contact details");
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
      ["office.updated", tilburg.id, '{"slug":"tilburg","active":false,"contactConfirmed":true,"textsChanged":"en,ar,fa,ps,ru,uk,sq,bs,mn,ka,tr,fr,es,ti"}'],
      ["office.updated", tilburg.id, '{"slug":"tilburg-centrum","active":true}'],
    ],
  );
  t.equal((await admin.get("/staff/offices/999999/edit")).statusCode, 404);
  t.equal((await admin.post("/staff/offices/abc/edit", fields)).statusCode, 404);
});

t.test("office names and directions per language: machine drafts, the admin's own texts, and Dutch marked as Dutch", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  t.equal(await db.officeText.count({ where: { officeId: zwolle.id, machineDraft: true } }), 14, "the seed drafts every language but Dutch");

  const arabic = await app.inject({ url: "/ar/offices/zwolle" });
  t.match(arabic.body, '<h1><bdi lang="ar">زفوله — المركز المجتمعي Holtenbroek</bdi></h1>');
  t.match(arabic.body, '<p class="directions"><span lang="ar" dir="auto">الحافلة 1 من محطة Zwolle');
  t.notMatch(arabic.body, "in-dutch", "nothing shown in Dutch");

  const form = await admin.get(`/staff/offices/${zwolle.id}/edit`);
  t.match(form.body, '<legend><span lang="ar">العربية</span> <span lang="en" class="draft-mark">(machine draft)</span></legend>');
  t.match(form.body, 'name="name_ar" type="text" lang="ar" dir="auto" maxlength="120" value="زفوله — المركز المجتمعي Holtenbroek"');

  const values: Record<string, string> = {
    slug: "zwolle", name: zwolle.name, street: zwolle.street, postalCode: zwolle.postalCode, city: zwolle.city,
    phone: "038 123 45 67", email: "zwolle@iom.test", hours2: "10:00-12:00", directions: zwolle.directions ?? "", active: "yes",
  };
  for (const text of await db.officeText.findMany({ where: { officeId: zwolle.id } })) {
    values[`name_${text.locale}`] = text.name ?? "";
    values[`directions_${text.locale}`] = text.directions ?? "";
  }
  const saved = await admin.post(`/staff/offices/${zwolle.id}/edit`, { ...values, name_ar: "", directions_ar: "", name_en: "Zwolle — community centre Holtenbroek" });
  t.equal(saved.statusCode, 303);
  const texts = await db.officeText.findMany({ where: { officeId: zwolle.id }, orderBy: { locale: "asc" } });
  t.same(texts.filter((x) => !x.machineDraft).map((x) => [x.locale, x.name]), [["en", "Zwolle — community centre Holtenbroek"]], "the changed text is the admin's own");
  t.equal(texts.filter((x) => x.machineDraft).length, 12, "untouched drafts stay marked");
  t.notOk(texts.some((x) => x.locale === "ar"), "an emptied language is removed");

  const fallback = await app.inject({ url: "/ar/offices/zwolle" });
  t.match(fallback.body, '<h1><bdi lang="nl">Zwolle — Wijkcentrum Holtenbroek</bdi> <span class="in-dutch">(بالهولندية)</span></h1>', "the Dutch name, marked as Dutch");
  t.match(fallback.body, '<p class="directions"><span class="in-dutch">كيف تصل (بالهولندية):</span> <span lang="nl" dir="auto">Bus 1 vanaf station Zwolle');
  t.match((await app.inject({ url: "/en/offices/zwolle" })).body, "<h1><bdi lang=\"en\">Zwolle — community centre Holtenbroek</bdi></h1>");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "office" } });
  t.equal(audit.detail, '{"slug":"zwolle","active":true,"contactConfirmed":true,"textsChanged":"en,ar"}', "which languages changed, not what they say");
});
