// Public pages in fa, ps, ru: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkLanguages } from "./public-pages.ts";

t.test("public pages in fa, ps, ru", { skip: skipWithoutChromium }, (t) => checkLanguages(t, ["fa", "ps", "ru"]));
