// What the reception pages share: the date in the query, the labels of a booking row.
import type { Booking } from "../../generated/prisma/client.ts";
import { addDays, isLocalDate, localDateOf, type LocalDate } from "../../local-date.ts";
import type { Translate } from "../../i18n/catalogue.ts";
import type { Formatter } from "../../i18n/format.ts";
import { languageLabel, languageName } from "../../i18n/language-names.ts";
import { mustCall } from "../../domain/outbox/reach.ts";

/** Day lists exist for a year back and a year ahead; anything else is not a page. */
const RANGE_DAYS = 366;

export function dayParam(raw: unknown, now: Date, zone: string): LocalDate | null {
  const today = localDateOf(now, zone);
  if (raw === undefined || raw === "") return today;
  if (!isLocalDate(raw)) return null;
  return raw >= addDays(today, -RANGE_DAYS) && raw <= addDays(today, RANGE_DAYS) ? raw : null;
}

const channelKeys = {
  SELF: "staff.reception.channel.self",
  CASEWORKER: "staff.reception.channel.caseworker",
  STAFF: "staff.reception.channel.staff",
  WALK_IN: "staff.reception.channel.walkIn",
} as const;

export interface RowView {
  id: number;
  time: string;
  code: string;
  name: string;
  language: string;
  interpreter: string;
  channel: string;
  /** Paper gets less: the language's name alone, and the channel without the organisation. */
  print: { language: string; channel: string };
  status: string;
  /** "Gets no messages": a client still expected whom no message reaches (see outbox/reach.ts), or null. */
  unreachable: string | null;
  /** For the actions offered: expected, arrived, seen, absent. */
  state: "expected" | "arrived" | "seen" | "absent";
}

export function rowView(b: Booking, t: Translate, fmt: Formatter, locale: string): RowView {
  const state = b.status === "ATTENDED" ? "seen" : b.status === "NO_SHOW" ? "absent" : b.checkedInAt ? "arrived" : "expected";
  const status =
    state === "seen"
      ? t("staff.reception.state.seen")
      : state === "absent"
        ? t("staff.reception.state.absent")
        : state === "arrived"
          ? t("staff.reception.state.arrived", { time: fmt.time(b.checkedInAt!) })
          : t("staff.reception.state.expected");
  const channel = t(channelKeys[b.channel]);
  return {
    id: b.id,
    time: fmt.time(b.startsAt),
    code: `${b.code.slice(0, 4)}-${b.code.slice(4)}`,
    name: b.name ?? "–",
    language: languageLabel(b.language, locale),
    interpreter: b.interpreterNeeded ? t("staff.reception.yes") : t("staff.reception.no"),
    channel: b.channel === "CASEWORKER" && b.referrerOrgName ? `${channel}: ${b.referrerOrgName}` : channel,
    // An organisation's name (a women's shelter, say) says too much on a sheet at the desk.
    print: { language: languageName(b.language, locale), channel },
    status,
    unreachable: state === "expected" && mustCall(b) ? t("staff.reach.dayList") : null,
    state,
  };
}
