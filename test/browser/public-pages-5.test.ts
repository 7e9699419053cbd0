// Public pages in fr, es, ti: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkLanguages } from "./public-pages.ts";

t.test("public pages in fr, es, ti", { skip: skipWithoutChromium }, (t) => checkLanguages(t, ["fr", "es", "ti"]));
