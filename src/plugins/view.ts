// Server-side templates (Eta) and the static stylesheet. Pages render with
// reply.viewAsync so a template error reaches the error handler.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifyView from "@fastify/view";
import { Eta } from "eta";
import fp from "fastify-plugin";
import { officeContact } from "../domain/offices/office-contact.ts";
import { localOffice } from "../domain/offices/office-texts.ts";
import { assetsDir, viewsDir } from "../paths.ts";
import { templateWhitespace } from "./template-whitespace.ts";

declare module "fastify" {
  interface FastifyReply {
    locals: Record<string, unknown> | null;
  }
  interface FastifyInstance {
    /** The template engine, also used for emails. */
    eta: Eta;
  }
}

export { viewsDir };

export default fp(
  async (app) => {
    const eta = new Eta({ views: viewsDir, cache: app.config.templateCache, autoTrim: [false, "nl"], plugins: [templateWhitespace] });
    app.decorate("eta", eta);
    // The version in a stylesheet URL changes with its content, so it can be cached for good.
    const version = (file: string) => createHash("sha256").update(readFileSync(join(assetsDir, file))).digest("hex").slice(0, 10);
    await app.register(fastifyView, {
      engine: { eta },
      root: viewsDir,
      production: app.config.templateCache,
      defaultContext: {
        // An office's name, directions and contact in the page's language (views/partials/office-*.eta).
        localOffice,
        officeContact,
        assets: {
          css: `/assets/app.css?v=${version("app.css")}`,
          // Only on pages with the appointment card (layout flag printCard).
          cardCss: `/assets/card.css?v=${version("card.css")}`,
          staffCss: `/assets/staff.css?v=${version("staff.css")}`,
          printCss: `/assets/print.css?v=${version("print.css")}`,
          printJs: `/assets/print.js?v=${version("print.js")}`,
          bookingFormJs: `/assets/booking-form.js?v=${version("booking-form.js")}`,
          deskJs: `/assets/desk.js?v=${version("desk.js")}`,
          screenCss: `/assets/screen.css?v=${version("screen.css")}`,
          screenJs: `/assets/screen.js?v=${version("screen.js")}`,
        },
      },
    });
    // Browsers ask for /favicon.ico on a first visit whatever the page says. Its address
    // cannot carry a version, so it is cached for a week rather than for good.
    const favicon = readFileSync(join(assetsDir, "favicon.ico"));
    app.get("/favicon.ico", async (_request, reply) => reply.header("cache-control", "public, max-age=604800").type("image/x-icon").send(favicon));
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: "/assets/",
      index: false,
      maxAge: "365d",
      immutable: true,
    });
  },
  { name: "view", dependencies: ["core"] },
);
