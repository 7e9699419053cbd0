// What a message says, in the reader's language, with the key facts repeated in Dutch
// so a helper at a desk or a shelter can read them. Subjects and the sender stay neutral:
// no word about migration or return, as some clients share devices.
import { translator, type Translate } from "../i18n/catalogue.ts";
import { formatBookingCode, formatter } from "../i18n/format.ts";
import { isLocale, localeInfo, type Locale } from "../i18n/locales.ts";
import { officeContact } from "../domain/offices/office-contact.ts";
import type { Audience, MessageFacts, MessageKind } from "./message.ts";

/** The office's name in this language, or its Dutch name. */
export function officeNameIn(facts: MessageFacts, locale: string): string {
  return facts.office.names?.[locale] ?? facts.office.name;
}

function contactOf(t: Translate, locale: Locale, facts: MessageFacts): EmailContent["contact"] {
  const c = officeContact({ phone: facts.office.phone ?? null, email: facts.office.email ?? null, deskHours: facts.office.deskHours ?? null, timeZone: facts.office.timeZone }, locale);
  const list: Array<[string, string]> = [];
  if (c.phone) list.push([t("contact.phone"), c.phone]);
  if (c.email) list.push([t("contact.email"), c.email]);
  if (c.hours.length) list.push([t("contact.hours"), c.hours.map((g) => `${g.days} ${g.times}`).join(", ")]);
  return list.length ? { heading: t("contact.title"), facts: list } : null;
}

export interface EmailContent {
  locale: Locale;
  dir: "ltr" | "rtl";
  subject: string;
  paragraphs: string[];
  facts: Array<[string, string]>;
  /** The first is shown as a button; the manage link is in every message that can carry it. */
  links: Array<{ label: string; url: string }>;
  closing: string[];
  /** The same facts in Dutch, when the message is in another language. */
  dutch: { heading: string; status: string; facts: Array<[string, string]> } | null;
  /** The officer's reason for a cancellation: a translated lead-in, then their own words in quotes. */
  quote: { lead: string; text: string; lang: string } | null;
  /** Whom to call: the office's phone, email and desk hours. */
  contact: { heading: string; facts: Array<[string, string]> } | null;
  footer: string;
}

export interface ContentInput {
  kind: MessageKind;
  audience: Audience;
  locale: string;
  facts: MessageFacts;
  /** The client's manage link, when it can be opened. */
  manageUrl: string | null;
  /** The office page, to book again after a cancellation. */
  officeUrl: string;
  contactViaReferrer: boolean;
}

function factList(t: Translate, locale: Locale, facts: MessageFacts): Array<[string, string]> {
  const fmt = formatter(locale, facts.office.timeZone);
  const start = new Date(facts.startsAt);
  const end = new Date(facts.endsAt);
  const o = facts.office;
  return [
    [t("email.fact.date"), fmt.date(start)],
    [t("email.fact.time"), `${fmt.time(start)}–${fmt.time(end)}`],
    [t("email.fact.place"), `${officeNameIn(facts, locale)}, ${o.street}, ${o.postalCode} ${o.city}`],
    // An offered place has no booking code yet.
    ...(facts.code ? [[t("email.fact.code"), formatBookingCode(facts.code)] as [string, string]] : []),
  ];
}

export function emailContent(input: ContentInput): EmailContent {
  const locale: Locale = isLocale(input.locale) ? input.locale : "nl";
  const t = translator(locale);
  const { facts, kind, audience } = input;
  const fmt = formatter(locale, facts.office.timeZone);
  const start = new Date(facts.startsAt);
  const when = { date: fmt.dayMonth(start), time: fmt.time(start), code: formatBookingCode(facts.code) };
  const forCaseworker = audience === "caseworker";
  const name = facts.name ?? t("email.someone");

  const subject = forCaseworker ? t(`email.subject.caseworker.${kind}`, when) : t(`email.subject.${kind}`, when);
  const greeting = !forCaseworker
    ? t("email.greeting.client", { name })
    : facts.caseworkerName
      ? t("email.greeting.caseworkerNamed", { name: facts.caseworkerName })
      : t("email.greeting.caseworker");
  const paragraphs = [greeting];
  if (kind === "cancellation") {
    const by = facts.cancelledBy === "staff" ? "staff" : "client";
    paragraphs.push(forCaseworker ? t(`email.cancellation.caseworker.${by}`, { name }) : t(`email.cancellation.${by}`));
  } else if (kind === "offer") {
    paragraphs.push(t("email.offer.client", { until: fmt.time(new Date(facts.offer?.until ?? facts.startsAt)) }));
  } else if (kind === "link") {
    // Only ever to the client, who asked for it ("Lost your link?").
    paragraphs.push(t("email.linkAgain.client"), t("email.linkAgain.notYou"));
  } else {
    paragraphs.push(forCaseworker ? t(`email.${kind}.caseworker`, { name }) : t(`email.${kind}.client`));
  }
  if (kind === "moved" && facts.previous) {
    const before = new Date(facts.previous.startsAt);
    paragraphs.push(t("email.moved.previous", { date: fmt.date(before), time: fmt.time(before) }));
    // Staff's own words, untranslated: shown as a quotation after a lead-in in the reader's language.
    // In a right-to-left message the words are isolated, so a Dutch sentence keeps its own direction.
    const words = localeInfo[locale].dir === "rtl" ? `\u2068${facts.reason ?? ""}\u2069` : facts.reason;
    if (facts.reason) paragraphs.push(t("email.moved.reason", { reason: words ?? "" }));
  }
  if (forCaseworker && input.contactViaReferrer && kind === "confirmation") paragraphs.push(t("email.caseworker.onlyViaYou", { name }));
  // A name that ends a sentence with its own full stop ("Cliënt T.") takes no second one.
  const tidy = (text: string) => (/[.!?…]$/.test(name) ? text.split(`${name}.`).join(name) : text);

  const links: EmailContent["links"] = [];
  if (kind === "offer") {
    if (input.manageUrl) links.push({ label: t("email.link.offer"), url: input.manageUrl });
  } else if (kind === "cancellation") {
    links.push({ label: t("email.link.bookAgain"), url: input.officeUrl });
    if (input.manageUrl) links.push({ label: t("manage.title"), url: input.manageUrl });
  } else if (input.manageUrl) {
    links.push({ label: t("email.link.manage"), url: input.manageUrl });
  }
  const closing =
    kind === "cancellation" ? [] : kind === "offer" ? [t("email.offer.closing", { until: fmt.time(new Date(facts.offer?.until ?? facts.startsAt)) })] : [t("email.closing.arrive"), t("email.closing.cancel")];
  if (kind !== "cancellation" && kind !== "offer" && !input.manageUrl) closing.push(t("email.closing.useLink"));

  const quote = kind === "cancellation" && facts.cancelledBy === "staff" && facts.reason ? { lead: t("cancel.officerWrote"), text: facts.reason, lang: facts.reasonLang ?? "nl" } : null;

  let dutch: EmailContent["dutch"] = null;
  if (locale !== "nl") {
    const nl = translator("nl");
    dutch = { heading: nl("email.dutch.heading"), status: nl(`email.dutch.status.${kind}`), facts: factList(nl, "nl", facts) };
  }
  return {
    locale,
    dir: localeInfo[locale].dir,
    subject,
    paragraphs: paragraphs.map(tidy),
    facts: factList(t, locale, facts),
    links,
    closing,
    dutch,
    quote,
    contact: contactOf(t, locale, facts),
    footer: t("email.footer"),
  };
}

/** The plain-text part: the same content, line by line. */
export function emailText(content: EmailContent): string {
  const lines: string[] = [...content.paragraphs.flatMap((p) => [p, ""])];
  if (content.quote) lines.push(`${content.quote.lead} “${content.quote.text}”`, "");
  for (const [label, value] of content.facts) lines.push(`${label}: ${value}`);
  lines.push("");
  for (const link of content.links) lines.push(link.label, link.url, "");
  for (const p of content.closing) lines.push(p, "");
  if (content.dutch) {
    lines.push("---", content.dutch.heading, content.dutch.status);
    for (const [label, value] of content.dutch.facts) lines.push(`${label}: ${value}`);
    lines.push("");
  }
  if (content.contact) {
    lines.push(content.contact.heading);
    for (const [label, value] of content.contact.facts) lines.push(`${label}: ${value}`);
    lines.push("");
  }
  lines.push("--", content.footer);
  return lines.join("\n") + "\n";
}
