// How a text message is carried: GSM 03.38 (7-bit, 160 characters in one message, 153
// per part of a longer one) when every character is in the GSM alphabet, otherwise UCS-2
// (70, or 67 per part). One "ë" or "—" in a Dutch text turns all of it into UCS-2 and
// halves what fits, so texts in Latin script are first folded into the GSM alphabet.

const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** Characters of the extension table: each takes two septets (an escape and itself). */
const gsmExtension = "\f^{}\\[~]|€";
const basic = new Set(gsmBasic);
const extension = new Set(gsmExtension);

export type SmsEncoding = "gsm7" | "ucs2";

export interface SmsSegments {
  encoding: SmsEncoding;
  /** The parts the text is sent in, in order. */
  parts: string[];
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

// Typographic punctuation a phone shows just as well in its GSM form.
const punctuation: Record<string, string> = { "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "\u00a0": " ", "\u202f": " " };

/**
 * The text with typographic punctuation replaced and — when the rest is Latin script —
 * accents the GSM alphabet lacks dropped ("ë" → "e", "ş" → "s", "č" → "c"), as people
 * write texts in these languages anyway. A text in another script is left as it is
 * (apart from the punctuation): it goes as UCS-2.
 */
export function foldForSms(text: string): string {
  const plain = [...text].map((ch) => punctuation[ch] ?? ch).join("");
  if (isGsm7(plain)) return plain;
  const folded = [...plain]
    .map((ch) => (basic.has(ch) || extension.has(ch) ? ch : ch.normalize("NFD").replace(/\p{M}/gu, "").replace("ı", "i").replace("đ", "d").replace("Đ", "D")))
    .join("");
  return isGsm7(folded) ? folded : plain;
}

/** The text split into the parts it is sent in; a part never splits an escape or a surrogate pair. */
export function segmentsOf(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? "gsm7" : "ucs2";
  const units = (ch: string) => (encoding === "gsm7" ? (extension.has(ch) ? 2 : 1) : ch.length);
  const chars = [...text];
  const total = chars.reduce((n, ch) => n + units(ch), 0);
  const single = encoding === "gsm7" ? 160 : 70;
  if (total <= single) return { encoding, parts: [text] };
  const perPart = encoding === "gsm7" ? 153 : 67;
  const parts: string[] = [];
  let part = "";
  let used = 0;
  for (const ch of chars) {
    if (used + units(ch) > perPart) {
      parts.push(part);
      part = "";
      used = 0;
    }
    part += ch;
    used += units(ch);
  }
  parts.push(part);
  return { encoding, parts };
}
