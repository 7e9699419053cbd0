// Staff accounts and signed-in browsers for tests.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Db } from "../../src/db/client.ts";
import { hashPassword } from "../../src/domain/accounts/passwords.ts";
import type { StaffRole } from "../../src/generated/prisma/client.ts";
import { formBody } from "./forms.ts";

export const PASSWORD = "correct horse battery staple";

/**
 * One hash per password per test process, made by the app's own hashPassword (Argon2id at
 * the production cost): every account is created with a real hash and every sign-in
 * verifies one at full cost, but the suite does not hash the same password hundreds of times.
 */
const hashes = new Map<string, Promise<string>>();
function passwordHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

export async function createStaff(
  db: Db,
  options: { role: StaffRole; offices?: string[]; email?: string; name?: string; locale?: string; password?: string },
) {
  const offices = await db.office.findMany({ where: { slug: { in: options.offices ?? [] } } });
  return db.staffUser.create({
    data: {
      email: options.email ?? `${options.role.toLowerCase()}-${(options.offices ?? []).join("-") || "all"}@iom.test`,
      name: options.name ?? `${options.role} ${(options.offices ?? []).join(" ")}`.trim(),
      role: options.role,
      locale: options.locale ?? "en",
      passwordHash: await passwordHash(options.password ?? PASSWORD),
      createdAt: new Date("2026-01-01T00:00:00Z"),
      offices: { create: offices.map((o) => ({ officeId: o.id })) },
    },
  });
}

/** A browser: keeps cookies, and knows the CSRF token of the last staff page it saw. */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = "";

  constructor(readonly app: FastifyInstance) {}

  #remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const gone = cookie.value === "" || (cookie.expires && cookie.expires.getTime() < Date.UTC(2000, 0, 1));
      if (gone) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (csrf) this.csrf = csrf[1]!;
    return response;
  }

  #cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  async get(url: string) {
    return this.#remember(await this.app.inject({ method: "GET", url, headers: { cookie: this.#cookieHeader() } }));
  }

  /** Posts a form; adds the CSRF token unless the fields say otherwise. */
  async post(url: string, fields: Record<string, string | string[] | undefined> = {}) {
    return this.#remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: { cookie: this.#cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({ _csrf: this.csrf, ...fields }),
      }),
    );
  }

  async signIn(email: string, password = PASSWORD) {
    const form = await this.get("/staff/login");
    const nonce = /name="_login" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const response = await this.post("/staff/login", { email, password, _login: nonce, _csrf: undefined });
    if (response.statusCode === 303 && response.headers.location !== "/staff/login") await this.get(response.headers.location as string);
    return response;
  }
}

export async function signedIn(app: FastifyInstance, db: Db, options: Parameters<typeof createStaff>[1]) {
  const user = await createStaff(db, options);
  const browser = new Browser(app);
  const response = await browser.signIn(user.email);
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return { user, browser };
}
