// Public pages in uk, sq, bs: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkLanguages } from "./public-pages.ts";

t.test("public pages in uk, sq, bs", { skip: skipWithoutChromium }, (t) => checkLanguages(t, ["uk", "sq", "bs"]));
