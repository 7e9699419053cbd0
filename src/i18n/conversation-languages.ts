// Languages a client can ask to speak in the conversation (with an interpreter where the
// officer does not speak it). Names are each language's own name, so a client recognises
// theirs whatever language the page is in.
export const conversationLanguages = {
  nl: "Nederlands",
  en: "English",
  ar: "العربية",
  fa: "فارسی",
  prs: "دری",
  ps: "پښتو",
  ku: "Kurdî / کوردی",
  tr: "Türkçe",
  ru: "Русский",
  uk: "Українська",
  ka: "ქართული",
  hy: "Հայերեն",
  az: "Azərbaycanca",
  mn: "Монгол",
  sq: "Shqip",
  hbs: "Bosanski / Hrvatski / Srpski",
  fr: "Français",
  es: "Español",
  pt: "Português",
  ti: "ትግርኛ",
  am: "አማርኛ",
  so: "Soomaali",
  ur: "اردو",
  zh: "中文",
  vi: "Tiếng Việt",
  other: "…",
} as const;

export type ConversationLanguage = keyof typeof conversationLanguages;

export const conversationLanguageCodes = Object.keys(conversationLanguages) as ConversationLanguage[];
