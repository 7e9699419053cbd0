// Every catalogue has exactly the keys the code uses, with the same placeholders, and every
// counted text has exactly its language's plural categories.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { readCatalogue, readStaffCatalogues, staffLocales, type Message } from "../../src/i18n/catalogue.ts";
import { locales } from "../../src/i18n/locales.ts";
import { projectRoot } from "../../src/db/migrate.ts";
import { catalogueProblems, countedKeys, pluralCategories, textsOf } from "../helpers/catalogues.ts";

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

const english = readCatalogue("en").messages;
const dutch = readCatalogue("nl").messages;
const keys = Object.keys(english);

const sourceText = [...filesUnder(join(projectRoot, "views"), ".eta"), ...filesUnder(join(projectRoot, "src"), ".ts")]
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
const namedLiterally = (key: string) => sourceText.includes(`"${key}"`) || sourceText.includes(`'${key}'`) || sourceText.includes(`\`${key}\``);

/** Keys named literally anywhere in the templates or the code. */
function literalKeys(): Set<string> {
  return new Set(keys.filter(namedLiterally));
}

/** Keys the code builds from a prefix and a value; each family lists its values. */
const builtKeys = [
  ...["BOOKED", "CANCELLED", "ATTENDED", "NO_SHOW"].map((s) => `status.${s}`),
  ...["taken", "unavailable"].flatMap((r) => [`slotGone.${r}.title`, `slotGone.${r}.body`]),
  ...["badRequest", "forbidden", "notFound", "conflict", "tooLarge", "tooMany", "server", "busy"].flatMap((e) => [`error.${e}.title`, `error.${e}.body`]),
  ...["confirmation", "cancellation", "moved", "reminder"].flatMap((k) => [
    `email.subject.${k}`,
    `email.subject.caseworker.${k}`,
    `email.dutch.status.${k}`,
  ]),
  ...["confirmation", "moved", "reminder"].flatMap((k) => [`email.${k}.client`, `email.${k}.caseworker`]),
  ...["client", "staff"].flatMap((by) => [`email.cancellation.${by}`, `email.cancellation.caseworker.${by}`]),
  ...["confirmation", "cancellation", "moved", "reminder"].map((k) => `sms.${k}`),
  // The link sent again ("Lost your link?") goes only to the client, by email or text.
  "email.subject.link",
  "email.dutch.status.link",
  "sms.link",
  // An offer of a freed place to someone waiting goes only to them, by email or text.
  "email.subject.offer",
  "email.dutch.status.offer",
  "sms.offer",
];

t.test("every key in the catalogues is used, and every used key exists", async (t) => {
  const used = new Set([...literalKeys(), ...builtKeys]);
  t.same(keys.filter((key) => !used.has(key)), [], "no unused keys");
  t.same(builtKeys.filter((key) => !(key in english)), [], "no missing built keys");
  // Literal keys in templates that are not in the catalogue.
  const views = filesUnder(join(projectRoot, "views"), ".eta")
    .filter((f) => !f.includes("/staff/") && !f.endsWith("/layouts/staff.eta"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const named = [...views.matchAll(/\bt\("([a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)"/g)].map((m) => m[1]!);
  t.same([...new Set(named.filter((key) => !(key in english)))], [], "templates only name existing keys");
});

for (const locale of locales) {
  t.test(`catalogue ${locale} is complete and consistent`, async (t) => {
    const catalogue = readCatalogue(locale);
    t.match(catalogue.$meta.status, /^(reviewed|machine-draft)$/);
    const own = catalogue.messages;
    t.same(keys.filter((key) => !(key in own)), [], "no missing keys");
    t.same(Object.keys(own).filter((key) => !(key in english)), [], "no extra keys");
    t.same(catalogueProblems(own, dutch, locale), [], `counted texts have exactly ${pluralCategories(locale).join(", ")}; every text has Dutch's placeholders`);
  });
}

t.test("the checks catch a plain text for a counted key, a missing or extra category and a lost placeholder", async (t) => {
  const key = "privacy.howLong";
  const forms = { one: "{count} jour…", many: "{count} de jours…", other: "{count} jours…" };
  // Only the keys given are checked, so each case shows its own problem.
  const broken = (message: Message) => catalogueProblems({ [key]: message }, dutch, "fr");
  t.same(broken(forms), [], "right as it is");
  t.same(broken(forms.other), [`${key}: a plain text, but the text is counted (want many,one,other)`]);
  t.same(broken({ one: forms.one, other: forms.other }), [`${key}: categories one,other, want many,one,other`]);
  t.same(broken({ ...forms, two: forms.other }), [`${key}: categories many,one,other,two, want many,one,other`]);
  t.same(broken({ ...forms, many: forms.many.replace("{count}", "{n}") }), [`${key}.many: placeholders n, want count`]);
  t.same(broken({ ...forms, one: " " }), [`${key}.one: empty`]);
  t.same(catalogueProblems({ "home.title": { one: "x", other: "x" } }, dutch, "fr"), ["home.title: plural forms, but the text is not counted"]);
});

/** Keys given a parameter object with a count somewhere in the code or the templates. */
function keysGivenACount(): Set<string> {
  const calls = sourceText.matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)["'`]\s*,\s*\{([^}]*)\}/g);
  return new Set([...calls].filter((m) => /(?<![.\w$])count\s*(:|,|$)/.test(m[2]!.trim())).map((m) => m[1]!));
}

// {count} is kept for counted texts: a text that gets a number to agree with gets plural
// forms, and a label that merely shows a number ("Total: 5") names it otherwise.
t.test("the code passes a count to exactly the counted texts, and every form shows it", async (t) => {
  const staffDutch = Object.assign({}, ...readStaffCatalogues("nl").map(({ file }) => file.messages)) as Record<string, Message>;
  const counted = [...countedKeys(dutch), ...countedKeys(staffDutch)].sort();
  const known = new Set([...keys, ...Object.keys(staffDutch)]);
  t.same([...keysGivenACount()].filter((key) => known.has(key)).sort(), counted);
  t.ok(counted.length > 0);
  const withoutCount = counted.flatMap((key) => textsOf((dutch[key] ?? staffDutch[key])!).filter((text) => !String(text).includes("{count}")));
  t.same(withoutCount, [], "every Dutch form shows {count}");
});

// The staff side (Dutch and English) keeps its texts per area. Every staff key must be
// named literally somewhere in the code or the templates (build no staff keys from parts).
t.test("staff catalogues: Dutch and English match, every key is used, no key is defined twice", async (t) => {
  const [nl, en] = staffLocales.map((locale) => readStaffCatalogues(locale));
  t.same(nl!.map((c) => c.area), en!.map((c) => c.area), "the same areas in both languages");
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [i, { area, file }] of en!.entries()) {
    const dutch = nl![i]!.file.messages;
    const english = file.messages;
    t.same(Object.keys(english).filter((k) => !(k in dutch)), [], `${area}: no keys missing in Dutch`);
    t.same(Object.keys(dutch).filter((k) => !(k in english)), [], `${area}: no keys missing in English`);
    t.same(catalogueProblems(dutch, dutch, "nl"), [], `${area}: Dutch counted texts have one and other, with the same placeholders`);
    t.same(catalogueProblems(english, dutch, "en"), [], `${area}: English texts are counted where Dutch ones are, with the same placeholders`);
    t.same(Object.keys(english).filter((k) => !namedLiterally(k)), [], `${area}: every key is used`);
    for (const key of Object.keys(english)) {
      if (seen.has(key) || key in readCatalogue("en").messages) twice.push(`${key} (${area})`);
      seen.set(key, area);
    }
  }
  t.same(twice, [], "no key is defined in two places");
  const staffViews = filesUnder(join(projectRoot, "views", "staff"), ".eta").concat(join(projectRoot, "views", "layouts", "staff.eta"));
  const used = staffViews.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\bt\("([a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)"/g)].map((m) => m[1]!));
  const english = readCatalogue("en").messages;
  t.same([...new Set(used.filter((key) => !seen.has(key) && !(key in english)))], [], "staff templates only name existing keys");
});
