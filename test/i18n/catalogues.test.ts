// Every catalogue has exactly the keys the code uses, with the same placeholders.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { readCatalogue } from "../../src/i18n/catalogue.ts";
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

/** Keys named literally anywhere in the templates or the code. */
function literalKeys(): Set<string> {
  const sources = [...filesUnder(join(projectRoot, "views"), ".eta"), ...filesUnder(join(projectRoot, "src"), ".ts")];
  const text = sources.map((file) => readFileSync(file, "utf8")).join("\n");
  return new Set(keys.filter((key) => text.includes(`"${key}"`) || text.includes(`'${key}'`) || text.includes(`\`${key}\``)));
}

/** Keys the code builds from a prefix and a value; each family lists its values. */
const builtKeys = [
  ...["BOOKED", "CANCELLED", "ATTENDED", "NO_SHOW"].map((s) => `status.${s}`),
  ...["taken", "unavailable"].flatMap((r) => [`slotGone.${r}.title`, `slotGone.${r}.body`]),
  ...["badRequest", "forbidden", "notFound", "conflict", "tooLarge", "tooMany", "server"].flatMap((e) => [`error.${e}.title`, `error.${e}.body`]),
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
  const views = filesUnder(join(projectRoot, "views"), ".eta").map((f) => readFileSync(f, "utf8")).join("\n");
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
