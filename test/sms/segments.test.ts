// Every language's text messages fit in at most two SMS parts, measured as the provider
// counts them: GSM-7 where every character is in the GSM alphabet, UCS-2 otherwise.
import t from "tap";
import { foldForSms, isGsm7, segmentsOf } from "../../src/sms/segments.ts";
import { smsText } from "../../src/sms/text.ts";
import { locales, type Locale } from "../../src/i18n/locales.ts";
import type { MessageFacts } from "../../src/emails/message.ts";
import { shortManageUrl } from "../../src/domain/booking/manage-link.ts";
import { offerUrl } from "../../src/domain/desk/offer-link.ts";
import { readReply } from "../../src/domain/booking/cancel-by-reply.ts";
import { readCatalogue } from "../../src/i18n/catalogue.ts";
import { formatter } from "../../src/i18n/format.ts";

// The longest seeded office name, a real-length short link (a 22-character token behind
// a public address longer than most), and a booking code.
const facts: MessageFacts = {
  code: "K7MXQ4PB",
  startsAt: "2026-09-30T08:20:00.000Z",
  endsAt: "2026-09-30T08:40:00.000Z",
  office: { slug: "zwolle", name: "Zwolle — Wijkcentrum Holtenbroek", street: "Aalanden 1", postalCode: "8032 AA", city: "Zwolle", timeZone: "Europe/Amsterdam" },
  name: "Amina",
  sequence: 0,
  // An offer of a freed place holds until half an hour later ("10:50").
  offer: { id: 1, until: "2026-09-30T08:50:00.000Z" },
};
const publicUrl = "https://afspraak.spreekuur.nl";
const token = "A".repeat(22);
const link = shortManageUrl(publicUrl, token);
// An offer of a freed place has its own link, /o/<token>, as long as the short manage link.
const offerLink = offerUrl(publicUrl, token);
const linkOf = (kind: string) => (kind === "offer" ? offerLink : link);
const nonLatin = new Set<Locale>(["ar", "fa", "ps", "ti", "ka", "mn", "ru", "uk"]);

// Every kind of text message the catalogues hold: the keys sms.<kind>.
const dutch = readCatalogue("nl").messages;
const kinds = Object.keys(dutch)
  .filter((key) => /^sms\.[a-zA-Z]+$/.test(key))
  .map((key) => key.slice("sms.".length))
  .sort();
function placeholdersOf(kind: string): Set<string> {
  const text = dutch[`sms.${kind}`];
  return new Set(typeof text === "string" ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) : []);
}

t.test("every kind of text message is measured", async (t) => {
  t.same(kinds, ["cancellation", "confirmation", "link", "moved", "offer", "reminder"]);
});

// Day and month names differ in length: the text of every day of a year (at 10:20 or
// 11:20 Amsterdam time), so the longest date is among them.
const day = 24 * 60 * 60 * 1000;
function textsOfAYear(kind: string, locale: Locale): string[] {
  return Array.from({ length: 365 }, (_, i) => {
    const startsAt = Date.parse("2027-01-01T09:20:00.000Z") + i * day;
    const on: MessageFacts = {
      ...facts,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 20 * 60_000).toISOString(),
      offer: { id: 1, until: new Date(startsAt + 30 * 60_000).toISOString() },
    };
    return smsText({ kind, locale, facts: on, link: linkOf(kind) });
  });
}

for (const locale of locales) {
  t.test(`${locale}: every text message fits in two parts on every day of a year`, async (t) => {
    const format = formatter(locale, facts.office.timeZone);
    for (const kind of kinds) {
      const text = smsText({ kind, locale, facts, link: linkOf(kind) });
      const { encoding, parts } = segmentsOf(text);
      t.ok(parts.length <= 2, `${kind}: ${parts.length} parts (${encoding}, ${text.length} characters)`);
      t.equal(encoding, nonLatin.has(locale) ? "ucs2" : "gsm7", `${kind} goes as ${encoding}`);
      t.equal(parts.join(""), text, `${kind}: the parts make up the text`);
      t.notMatch(text, /IOM|return|terugkeer/i, `${kind}: neutral`);
      t.match(text, linkOf(kind), `${kind}: carries the whole link`);
      // What the Dutch text names, every language names.
      const named = placeholdersOf(kind);
      if (named.has("code")) t.match(text, "K7MX-Q4PB", `${kind}: names the booking code`);
      if (named.has("date")) t.match(text, foldForSms(format.dateShort(new Date(facts.startsAt))), `${kind}: names the date`);
      if (named.has("time")) t.match(text, "10:20", `${kind}: names the time`);
      if (named.has("office")) t.match(text, "Zwolle - Wijkcentrum Holtenbroek", `${kind}: names the office`);
      const year = textsOfAYear(kind, locale);
      const worst = year
        .map((text) => ({ text, parts: segmentsOf(text).parts.length }))
        .reduce((a, b) => (b.parts > a.parts || (b.parts === a.parts && b.text.length > a.text.length) ? b : a));
      t.ok(worst.parts <= 2, `${kind}, every day of a year: ${worst.parts} parts at most ("${worst.text}", ${worst.text.length} characters)`);
    }
  });
}

// The reminder tells how to cancel by reply: a cancel word of the language and the code,
// which the reply reader takes as exactly that.
const wordsOf = (text: string) => text.normalize("NFKC").toUpperCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
const listOf = (locale: Locale, key: string) => {
  const list = readCatalogue(locale).messages[key];
  return typeof list === "string" ? list.split(",").map((w) => w.trim().normalize("NFKC").toUpperCase()) : [];
};

for (const locale of locales) {
  t.test(`${locale}: the reminder says which reply cancels`, async (t) => {
    const words = wordsOf(smsText({ kind: "reminder", locale, facts, link }));
    const at = words.findLastIndex((w, i) => w === "K7MX" && words[i + 1] === "Q4PB");
    t.ok(at > 0, "names the code after a word");
    const word = words[at - 1] ?? "";
    t.ok(listOf(locale, "smsReply.cancelWords").includes(word), `the word before the code is a cancel word (${word})`);
    t.same(readReply(`${word} K7MX-Q4PB`), { code: "K7MXQ4PB", words: [word] }, "the reply it asks for reads as that word and the code");
  });
}

// Where two UCS-2 parts leave room for the link alone, the offer names no reply word
// (a yes reply is still understood: smsReply.acceptWords).
const offerWithoutReplyWord = new Set<Locale>(["ar", "fa", "ps", "ru", "uk", "mn", "ka"]);

for (const locale of locales) {
  t.test(`${locale}: an offer of a freed place names its time, until when it holds, and at most one yes word`, async (t) => {
    const text = smsText({ kind: "offer", locale, facts, link: offerLink });
    t.match(text, "10:20", "names the time of the place");
    t.match(text, "10:50", "names until when the offer holds");
    const acceptWords = listOf(locale, "smsReply.acceptWords");
    t.ok(acceptWords.length > 0, "the language has yes words");
    const named = wordsOf(text).filter((w) => acceptWords.includes(w));
    if (offerWithoutReplyWord.has(locale)) t.same(named, [], "names no reply word");
    else t.equal(named.length, 1, `the reply word it names is a yes word (${named.join(", ")})`);
  });
}

t.test("counting: GSM-7 and UCS-2 limits, the extension table, and folding", async (t) => {
  t.equal(segmentsOf("a".repeat(160)).parts.length, 1);
  t.equal(segmentsOf("a".repeat(161)).parts.length, 2);
  t.equal(segmentsOf("a".repeat(306)).parts.length, 2);
  t.equal(segmentsOf("a".repeat(307)).parts.length, 3);
  t.equal(segmentsOf("€".repeat(80)).parts.length, 1, "an extension character takes two septets");
  t.equal(segmentsOf("€".repeat(81)).parts.length, 2);
  t.same(segmentsOf("a".repeat(152) + "€" + "a".repeat(10)).parts.map((p) => p.length), [152, 11], "an escape is never split");
  t.equal(segmentsOf("ë".repeat(70)).encoding, "ucs2", "one ë makes UCS-2");
  t.equal(segmentsOf("ë".repeat(70)).parts.length, 1);
  t.equal(segmentsOf("ë".repeat(71)).parts.length, 2);
  t.equal(segmentsOf("ë".repeat(135)).parts.length, 3);
  t.equal(foldForSms("Nesër — takimi"), "Neser - takimi", "Latin text folded into GSM");
  t.equal(foldForSms("Yarın İptal değiştir"), "Yarin Iptal degistir");
  t.equal(foldForSms("Встреча — завтра"), "Встреча - завтра", "other scripts keep their letters");
  t.ok(isGsm7("Afspraak K7MX-Q4PB: di 1 dec 10:20"));
});
