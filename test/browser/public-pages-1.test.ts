// Public pages in nl, en, ar: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkLanguages } from "./public-pages.ts";

t.test("public pages in nl, en, ar", { skip: skipWithoutChromium }, (t) => checkLanguages(t, ["nl", "en", "ar"]));
