// Every language's text messages fit in at most two SMS parts, measured as the provider
// counts them: GSM-7 where every character is in the GSM alphabet, UCS-2 otherwise.
import t from "tap";
import { foldForSms, isGsm7, segmentsOf } from "../../src/sms/segments.ts";
import { smsText } from "../../src/sms/text.ts";
import { locales, type Locale } from "../../src/i18n/locales.ts";
import type { MessageFacts } from "../../src/emails/message.ts";
import { offerUrl } from "../../src/domain/desk/offer-link.ts";
import { readCatalogue } from "../../src/i18n/catalogue.ts";

// The longest seeded office name, a real-length short link (a 22-character token behind
// a public address longer than most), and a date whose names are long in most languages.
const facts: MessageFacts = {
  code: "K7MXQ4PB",
  startsAt: "2026-09-30T08:20:00.000Z",
  endsAt: "2026-09-30T08:40:00.000Z",
  office: { slug: "zwolle", name: "Zwolle — Wijkcentrum Holtenbroek", street: "Aalanden 1", postalCode: "8032 AA", city: "Zwolle", timeZone: "Europe/Amsterdam" },
  name: "Amina",
  sequence: 0,
};
const link = `https://afspraak.spreekuur.nl/b/${"A".repeat(22)}`;
// An offer of a freed place has its own link, /o/<token>, as long as the short manage
// link, and holds until half an hour later ("10:50").
const offerLink = offerUrl("https://afspraak.spreekuur.nl", "A".repeat(22));
const offerFacts: MessageFacts = { ...facts, offer: { id: 1, until: "2026-09-30T08:50:00.000Z" } };
const nonLatin = new Set<Locale>(["ar", "fa", "ps", "ti", "ka", "mn", "ru", "uk"]);

for (const locale of locales) {
  t.test(`${locale}: a confirmation fits in two parts, the other texts in three`, async (t) => {
    for (const kind of ["confirmation", "moved", "cancellation", "reminder"]) {
      const text = smsText({ kind, locale, facts, link });
      const { encoding, parts } = segmentsOf(text);
      t.ok(parts.length <= (kind === "confirmation" ? 2 : 3), `${kind}: ${parts.length} parts (${encoding}, ${text.length} characters)`);
      t.equal(encoding, nonLatin.has(locale) ? "ucs2" : "gsm7", `${kind} goes as ${encoding}`);
      t.match(text, "K7MX-Q4PB", "names the booking code");
      t.match(text, link, "carries the whole short link");
      t.notMatch(text, /IOM|return|terugkeer/i, "neutral");
      t.equal(parts.join(""), text, "the parts make up the text");
    }
  });
}

// Where two UCS-2 parts leave room for the link alone, the offer names no reply word
// (a yes reply is still understood: smsReply.acceptWords).
const offerWithoutReplyWord = new Set<Locale>(["ar", "fa", "ps", "ru", "uk", "mn", "ka"]);
const wordsOf = (text: string) => text.normalize("NFKC").toUpperCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

for (const locale of locales) {
  t.test(`${locale}: an offer of a freed place fits in two parts on every day of a year`, async (t) => {
    const text = smsText({ kind: "offer", locale, facts: offerFacts, link: offerLink });
    const { encoding, parts } = segmentsOf(text);
    t.ok(parts.length <= 2, `${parts.length} parts (${encoding}, ${text.length} characters)`);
    t.equal(encoding, nonLatin.has(locale) ? "ucs2" : "gsm7", `goes as ${encoding}`);
    t.match(text, "10:20", "names the time of the place");
    t.match(text, "10:50", "names until when the offer holds");
    t.match(text, "Zwolle - Wijkcentrum Holtenbroek", "names the office");
    t.match(text, offerLink, "carries the whole offer link");
    t.notMatch(text, /IOM|return|terugkeer/i, "neutral");
    t.equal(parts.join(""), text, "the parts make up the text");
    // Day and month names differ in length: the longest date of a year fits as well.
    const day = 24 * 60 * 60 * 1000;
    const longest = Array.from({ length: 365 }, (_, i) => {
      const startsAt = Date.parse("2027-01-01T09:20:00.000Z") + i * day;
      const on = { ...offerFacts, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 20 * 60_000).toISOString() };
      return smsText({ kind: "offer", locale, facts: on, link: offerLink });
    }).reduce((a, b) => (b.length > a.length ? b : a));
    t.ok(segmentsOf(longest).parts.length <= 2, `longest of the year: ${segmentsOf(longest).parts.length} parts (${longest.length} characters)`);
    const list = readCatalogue(locale).messages["smsReply.acceptWords"];
    const acceptWords = typeof list === "string" ? list.split(",").map((w) => w.trim().normalize("NFKC").toUpperCase()) : [];
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
