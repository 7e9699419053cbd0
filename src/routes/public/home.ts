import type { FastifyInstance, FastifyRequest } from "fastify";
import { headOffice, listActiveOffices } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import { pageLocale } from "../../plugins/locale.ts";

/** When the accessibility statement was last made (DigiToegankelijk asks for its date). */
const ACCESSIBILITY_STATEMENT_DATE = "2026-12-07";

/**
 * The data controller's address and whom to ask about privacy and accessibility: the head
 * office as the administrator keeps it. Until it has a phone and email, the seed's
 * switchboard and address stand in, so the statements never name nobody.
 */
const fallback = { address: "Laan van Nieuw Oost-Indië 1, 2593 BH Den Haag", phone: "070 318 15 00", email: "info.nl@iom.int" };

export default async function homeRoutes(app: FastifyInstance) {
  async function contact() {
    const office = await headOffice(app.db, app.clock.now());
    return {
      headOfficeAddress: office ? `${office.street}, ${office.postalCode} ${office.city}` : fallback.address,
      privacyContact: { phone: office?.phone ?? fallback.phone, email: office?.email ?? fallback.email },
    };
  }

  app.get("/", async (_request, reply) => {
    return reply.viewAsync("public/home.eta", { offices: await listActiveOffices(app.db, app.clock.now()) });
  });

  app.get("/accessibility", async (request: FastifyRequest, reply) =>
    reply.viewAsync("public/accessibility.eta", {
      ...(await contact()),
      statementDate: formatter(pageLocale(request), "Europe/Amsterdam").localDate(ACCESSIBILITY_STATEMENT_DATE),
    }),
  );

  app.get("/privacy", async (_request, reply) =>
    reply.viewAsync("public/privacy.eta", { retentionDays: app.config.retentionDays, ...(await contact()) }),
  );
}
