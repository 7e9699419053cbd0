// Every catalogue has exactly the keys the code uses, with the same placeholders.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { readCatalogue, readStaffCatalogues, staffLocales } from "../../src/i18n/catalogue.ts";
import { locales } from "../../src/i18n/locales.ts";
import { projectRoot } from "../../src/db/migrate.ts";

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

const english = readCatalogue("en").messages;
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
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
    const present = keys.filter((key) => key in own);
    t.same(
      present.filter((key) => placeholders(own[key]!).join() !== placeholders(english[key]!).join()),
      [],
      "every text has the same placeholders as English",
    );
    t.same(present.filter((key) => own[key]!.trim() === ""), [], "no empty texts");
  });
}

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
    t.same(
      Object.keys(english).filter((k) => k in dutch && placeholders(dutch[k]!).join() !== placeholders(english[k]!).join()),
      [],
      `${area}: same placeholders`,
    );
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
