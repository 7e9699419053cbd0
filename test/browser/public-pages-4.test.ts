// Public pages in mn, ka, tr: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkLanguages } from "./public-pages.ts";

t.test("public pages in mn, ka, tr", { skip: skipWithoutChromium }, (t) => checkLanguages(t, ["mn", "ka", "tr"]));
