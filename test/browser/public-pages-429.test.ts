// The 429 page in every language: see public-pages.ts.
import t from "tap";
import { skipWithoutChromium } from "../helpers/browser.ts";
import { checkTooMany } from "./public-pages.ts";

t.test("the 429 page in all 15 languages", { skip: skipWithoutChromium }, (t) => checkTooMany(t));
