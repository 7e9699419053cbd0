// What every staff page needs: the language (the user's, Dutch by default), the
// translator, the CSRF token for forms, and the navigation for the user's role.
import type { FastifyReply, FastifyRequest } from "fastify";
import { staffTranslator, type StaffLocale } from "../i18n/catalogue.ts";
import { formatter } from "../i18n/format.ts";
import type { StaffRole } from "../generated/prisma/client.ts";
import { defaultZone } from "./locale.ts";

interface NavItem {
  href: string;
  key: string;
  roles: StaffRole[];
}

const nav: NavItem[] = [
  { href: "/staff", key: "staff.nav.today", roles: ["ADMIN", "OFFICER", "RECEPTION"] },
  { href: "/staff/bookings", key: "staff.nav.bookings", roles: ["ADMIN", "OFFICER"] },
  { href: "/staff/schedule", key: "staff.nav.schedule", roles: ["ADMIN", "OFFICER"] },
  { href: "/staff/outbox", key: "staff.nav.outbox", roles: ["ADMIN", "OFFICER"] },
  { href: "/staff/calendar", key: "staff.admin.nav.calendar", roles: ["ADMIN", "OFFICER"] },
  { href: "/staff/users", key: "staff.nav.users", roles: ["ADMIN"] },
  { href: "/staff/offices", key: "staff.nav.offices", roles: ["ADMIN"] },
  { href: "/staff/audit", key: "staff.nav.audit", roles: ["ADMIN"] },
  { href: "/staff/statistics", key: "staff.stats.nav", roles: ["ADMIN"] },
];

export function useStaffLocale(request: FastifyRequest, reply: FastifyReply, locale?: StaffLocale): void {
  const chosen: StaffLocale = locale ?? request.staff?.user.locale ?? (request.cookies["staff_lang"] === "en" ? "en" : "nl");
  const role = request.staff?.user.role;
  const path = request.url.split("?")[0];
  reply.locals = {
    locale: chosen,
    dir: "ltr",
    t: staffTranslator(chosen),
    fmt: formatter(chosen, defaultZone),
    staff: request.staff?.user ?? null,
    csrf: request.staff?.csrfToken ?? "",
    path,
    nav: role
      ? nav.filter((item) => item.roles.includes(role)).map((item) => ({ ...item, current: item.href === "/staff" ? path === "/staff" : path?.startsWith(item.href) }))
      : [],
  };
}
