// An office's name and directions in the reader's language: the administrator's text
// for that language when there is one, else the Dutch text, marked as Dutch (lang="nl"
// and a visible note) so nobody takes it for a translation that failed.
import type { Office, OfficeText } from "../../generated/prisma/client.ts";
import type { Locale } from "../../i18n/locales.ts";

export interface LocalText {
  text: string;
  /** The language the text is in. */
  lang: Locale;
  /** The page is in another language and this is the Dutch text. */
  inDutch: boolean;
  /** Drafted by machine translation, not yet reviewed. */
  machineDraft: boolean;
}

export interface LocalOffice {
  name: LocalText;
  directions: LocalText | null;
}

type OfficeWithTexts = Pick<Office, "name" | "directions"> & { texts?: readonly OfficeText[] };

export function localOffice(office: OfficeWithTexts, locale: Locale): LocalOffice {
  const own = locale === "nl" ? undefined : office.texts?.find((text) => text.locale === locale);
  const pick = (translated: string | null | undefined, dutch: string): LocalText =>
    translated
      ? { text: translated, lang: locale, inDutch: false, machineDraft: own?.machineDraft ?? false }
      : { text: dutch, lang: "nl", inDutch: locale !== "nl", machineDraft: false };
  return {
    name: pick(own?.name, office.name),
    directions: own?.directions || office.directions ? pick(own?.directions, office.directions ?? "") : null,
  };
}
