// Every counted text in every language, rendered for a range of counts: the form is the
// one Intl.PluralRules picks for the number, the number shows, and no placeholder is left.
import t from "tap";
import { interpolate, readCatalogue, readStaffCatalogues, staffLocales, staffTranslator, translator, type Message, type Translate } from "../../src/i18n/catalogue.ts";
import { locales } from "../../src/i18n/locales.ts";
import { countedKeys } from "../helpers/catalogues.ts";

// 0, 1, 2, 5 and 21 fall in different categories across the fifteen languages (21 is "one"
// in Russian, Ukrainian and Bosnian and "many" in Arabic); 100 reaches Arabic's "other" and
// a million the "many" of French and Spanish.
const counts = [0, 1, 2, 5, 21, 100, 1_000_000];
/** The other placeholders of counted texts, with numbers that are none of the counts. */
const others = { taken: 3, page: 3, pages: 4 };

const staffMessages = (locale: "nl" | "en"): Record<string, Message> =>
  Object.assign({}, ...readStaffCatalogues(locale).map(({ file }) => file.messages)) as Record<string, Message>;
const publicCounted = countedKeys(readCatalogue("nl").messages);
const staffCounted = countedKeys(staffMessages("nl"));

const cases: Array<{ name: string; locale: string; messages: Record<string, Message>; t: Translate; keys: string[] }> = [
  ...locales.map((locale) => ({ name: locale, locale, messages: readCatalogue(locale).messages, t: translator(locale), keys: publicCounted })),
  ...staffLocales.map((locale) => ({ name: `staff ${locale}`, locale, messages: staffMessages(locale), t: staffTranslator(locale), keys: staffCounted })),
];

for (const { name, locale, messages, t: translate, keys } of cases) {
  t.test(`${name}: every counted text takes the form Intl.PluralRules picks`, async (t) => {
    const rules = new Intl.PluralRules(locale);
    const problems: string[] = [];
    for (const key of keys) {
      for (const count of counts) {
        const category = rules.select(count);
        const message = messages[key];
        const form = typeof message === "string" ? undefined : message?.[category];
        const params = { ...others, count };
        const text = translate(key, params);
        if (form === undefined) problems.push(`${key} (${count}): no "${category}" form`);
        else if (text !== interpolate(form, params)) problems.push(`${key} (${count}): not the "${category}" form: ${text}`);
        if (!new RegExp(`(?<!\\d)${count}(?!\\d)`).test(text)) problems.push(`${key} (${count}): the number is missing: ${text}`);
        if (/\{\w+\}/.test(text)) problems.push(`${key} (${count}): a placeholder is left: ${text}`);
      }
    }
    t.ok(keys.length > 0);
    t.same(problems, []);
  });
}

/** What Dutch and English readers see for 1 and for 5. */
const expected: Record<string, { nl: [string, string]; en: [string, string] }> = {
  "privacy.howLong": {
    nl: [
      "1 dag na de afspraak (of nadat u hebt afgezegd) wissen wij uw naam, telefoonnummer, e-mailadres en bericht. Wij houden alleen een telling over zonder namen: de locatie, de datum, de taal en of u bent gekomen.",
      "5 dagen na de afspraak (of nadat u hebt afgezegd) wissen wij uw naam, telefoonnummer, e-mailadres en bericht. Wij houden alleen een telling over zonder namen: de locatie, de datum, de taal en of u bent gekomen.",
    ],
    en: [
      "1 day after the appointment (or after you cancel) we delete your name, phone number, email address and message. We only keep a count without names: the location, the date, the language and whether you came.",
      "5 days after the appointment (or after you cancel) we delete your name, phone number, email address and message. We only keep a count without names: the location, the date, the language and whether you came.",
    ],
  },
  "form.error.tooManyBookings": {
    nl: [
      "U hebt al 1 afspraak gepland met dit telefoonnummer of e-mailadres. Zeg die eerst af, of vraag het bij de balie.",
      "U hebt al 5 afspraken gepland met dit telefoonnummer of e-mailadres. Zeg er eerst een af, of vraag het bij de balie.",
    ],
    en: [
      "You already have 1 appointment planned with this phone number or email address. Please cancel it first, or ask at the desk.",
      "You already have 5 appointments planned with this phone number or email address. Please cancel one first, or ask at the desk.",
    ],
  },
  "staff.admin.audit.count": {
    nl: ["1 regel, pagina 1 van 1.", "5 regels, pagina 1 van 1."],
    en: ["1 entry, page 1 of 1.", "5 entries, page 1 of 1."],
  },
  "staff.admin.outbox.count": { nl: ["1 bericht.", "5 berichten."], en: ["1 message.", "5 messages."] },
  "staff.admin.calendar.intro": {
    nl: [
      "Met een persoonlijke link ziet u in Outlook of in de agenda op uw telefoon de spreekuren van uw locaties en de afspraken daarin, voor de komende 1 week.",
      "Met een persoonlijke link ziet u in Outlook of in de agenda op uw telefoon de spreekuren van uw locaties en de afspraken daarin, voor de komende 5 weken.",
    ],
    en: [
      "With a personal link, Outlook or the calendar on your phone shows the consultation hours of your offices and the bookings in them, for the next 1 week.",
      "With a personal link, Outlook or the calendar on your phone shows the consultation hours of your offices and the bookings in them, for the next 5 weeks.",
    ],
  },
  "staff.bookings.search.upcoming": { nl: ["De komende 1 dag", "De komende 5 dagen"], en: ["Coming up in the next 1 day", "Coming up in the next 5 days"] },
  "staff.bookings.search.noneUpcoming": {
    nl: ["Geen afspraken in de komende 1 dag.", "Geen afspraken in de komende 5 dagen."],
    en: ["No bookings in the next 1 day.", "No bookings in the next 5 days."],
  },
  "staff.bookings.week.freePlaces": { nl: ["1 vrije plaats", "5 vrije plaatsen"], en: ["1 free place", "5 free places"] },
  "staff.dashboard.places": { nl: ["1 van 1 plaats geboekt", "1 van 5 plaatsen geboekt"], en: ["1 of 1 place booked", "1 of 5 places booked"] },
  "staff.reception.freePlaces": { nl: ["1 vrije plaats", "5 vrije plaatsen"], en: ["1 free place", "5 free places"] },
  "staff.desk.waited": { nl: ["1 minuut", "5 minuten"], en: ["1 minute", "5 minutes"] },
  "staff.schedule.everyWeeks": { nl: ["om de 1 week", "om de 5 weken"], en: ["every 1 week", "every 5 weeks"] },
  "staff.schedule.walkInSummary": {
    nl: ["1 plaats vrij voor inloop", "5 plaatsen vrij voor inloop"],
    en: ["1 place kept free for walk-ins", "5 places kept free for walk-ins"],
  },
  "staff.schedule.horizonSummary": { nl: ["1 dag vooruit", "5 dagen vooruit"], en: ["1 day ahead", "5 days ahead"] },
  "staff.schedule.confirm.mustCall": {
    nl: ["1 cliënt krijgt geen bericht. Bel deze cliënt zelf:", "5 cliënten krijgen geen bericht. Bel hen zelf:"],
    en: ["1 client gets no message. Call this client yourself:", "5 clients get no message. Call them yourself:"],
  },
  "staff.schedule.done.mustCall": {
    nl: ["1 cliënt krijgt geen bericht: bel deze cliënt. Zie de lijst hieronder.", "5 cliënten krijgen geen bericht: bel hen. Zie de lijst hieronder."],
    en: ["1 client gets no message: call this client. See the list below.", "5 clients get no message: call them. See the list below."],
  },
  "staff.schedule.confirm.intro": {
    nl: [
      "Er is nog niets opgeslagen. 1 afspraak past niet meer in het nieuwe rooster. Kies: afzeggen, of verplaatsen naar een vrije tijd.",
      "Er is nog niets opgeslagen. 5 afspraken passen niet meer in het nieuwe rooster. Kies voor elke afspraak: afzeggen, of verplaatsen naar een vrije tijd.",
    ],
    en: [
      "Nothing has been saved yet. 1 booking no longer fits the new schedule. Choose: cancel it, or move it to a free time.",
      "Nothing has been saved yet. 5 bookings no longer fit the new schedule. Choose for each one: cancel it, or move it to a free time.",
    ],
  },
};

t.test("Dutch and English say it right for 1 and for 5", async (t) => {
  t.same(Object.keys(expected).sort(), [...publicCounted, ...staffCounted].sort(), "every counted text is listed here");
  for (const locale of ["nl", "en"] as const) {
    const [pub, staff] = [translator(locale), staffTranslator(locale)];
    const said = (key: string, count: number) => (publicCounted.includes(key) ? pub : staff)(key, { count, taken: 1, page: 1, pages: 1 });
    t.same(
      Object.keys(expected).map((key) => [key, said(key, 1), said(key, 5)]),
      Object.entries(expected).map(([key, texts]) => [key, ...texts[locale]]),
      locale,
    );
  }
});

t.test("a counted text without a count reads as its 'other' form; an unknown key as itself", async (t) => {
  t.equal(staffTranslator("en")("staff.bookings.week.freePlaces"), "{count} free places");
  t.equal(translator("fr")("no.such.key", { count: 1 }), "no.such.key");
});
