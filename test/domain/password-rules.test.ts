// The rules a new staff password must pass (NIST SP 800-63B): long enough, not common or
// breached, not a row or repetition, not the account's own name or email.
import t from "tap";
import { passwordProblem } from "../../src/domain/accounts/password-rules.ts";
import { buildTestApp } from "../helpers/app.ts";
import { mainText } from "../helpers/forms.ts";
import { Browser, PASSWORD, signedIn } from "../helpers/staff.ts";

const user = { name: "Pieter van der Berg", email: "p.vanderberg@iom.int" };

t.test("refused: the examples that were accepted by length alone, and their kind", async (t) => {
  const cases: Array<[string, string]> = [
    ["aaaaaaaaaaaa", "pattern"],
    ["password1234", "common"],
    ["123456789012", "pattern"],
    ["p.vanderberg@iom.int", "personal"],
    ["Password1234!", "common"],
    ["wachtwoord2026!", "common"],
    ["1q2w3e4r5t6y", "common"],
    ["iloveyou iloveyou", "pattern"],
    ["Summer2026Summer2026", "pattern"],
    ["abcabcabcabcabc", "pattern"],
    ["121212121212", "pattern"],
    ["234567890123", "pattern"],
    ["abcdefghijklmnop", "pattern"],
    ["zyxwvutsrqpo", "pattern"],
    ["pieter-is-my-name", "personal"],
    ["my name is Vanderberg!", "personal"],
    ["welcome to spreekuur", "personal"],
    ["short", "tooShort"],
    ["ééé", "tooShort"],
    ["x".repeat(1001), "tooLong"],
  ];
  for (const [password, problem] of cases) t.equal(await passwordProblem(password, user), problem, `${password.slice(0, 24)} → ${problem}`);
});

t.test("accepted: long, uncommon passwords, passphrases of ordinary words, any script", async (t) => {
  for (const password of ["correct horse battery staple", "koffie fiets regen lantaarn", "Tjalk-Zwolle-4-Dinsdag", "ردیف گل سرخ کتاب", "a much longer new secret", "ბაღი ზღვა მთა ცა", "qualityassurance"]) {
    t.equal(await passwordProblem(password, { name: "Ali Ahmadi", email: "ali@iom.int" }), null, password);
  }
  t.equal(await passwordProblem("€€€€€€€€€€€€x", user), null, "a repetition with another character is no longer one");
});

t.test("the password page explains a refusal in the staff member's language and changes nothing", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser, user: officer } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], locale: "nl", name: "Maria Jansen", email: "maria.jansen@iom.test" });
  const before = (await db.staffUser.findUniqueOrThrow({ where: { id: officer.id } })).passwordHash;
  const tries: Array<[string, string]> = [
    ["password1234", "Dit wachtwoord staat op een lijst van veelgebruikte of uitgelekte wachtwoorden"],
    ["123456789012", "Dit wachtwoord is een reeks of herhaling van tekens"],
    ["aaaaaaaaaaaa", "Dit wachtwoord is een reeks of herhaling van tekens"],
    ["maria.jansen@iom.test", "Dit wachtwoord bevat uw naam of e-mailadres"],
    ["jansen en zonen 1990", "Dit wachtwoord bevat uw naam of e-mailadres"],
  ];
  for (const [password, message] of tries) {
    const response = await browser.post("/staff/password", { current: PASSWORD, password, repeat: password });
    t.equal(response.statusCode, 422, password);
    t.match(mainText(response.body), message, password);
  }
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: officer.id } })).passwordHash, before, "the stored password is unchanged");
  await db.staffUser.update({ where: { id: officer.id }, data: { locale: "en" } });
  const english = await browser.post("/staff/password", { current: PASSWORD, password: "password1234", repeat: "password1234" });
  t.match(mainText(english.body), "This password is on a list of common or leaked passwords");
  const good = await browser.post("/staff/password", { current: PASSWORD, password: "lantaarn regen fiets", repeat: "lantaarn regen fiets" });
  t.equal(good.statusCode, 200);
  t.equal((await new Browser(app).signIn(officer.email, "lantaarn regen fiets")).statusCode, 303);
});

t.test("password hashing runs at most one per core at a time, however many ask at once", async (t) => {
  const { availableParallelism } = await import("node:os");
  const { hashing, hashPassword, verifyPassword } = await import("../../src/domain/accounts/passwords.ts");
  const hash = await hashPassword("a passphrase to check twenty-eight times");
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, hashing.activeCount)), 1);
  const results = await Promise.all(Array.from({ length: 28 }, (_, i) => verifyPassword(hash, i === 27 ? "a passphrase to check twenty-eight times" : `wrong ${i}`)));
  clearInterval(watch);
  t.same(results.filter(Boolean).length, 1, "every check is still made, the right one succeeds");
  t.ok(most >= 1 && most <= availableParallelism(), `at most ${availableParallelism()} at once (seen: ${most})`);
  t.equal(hashing.activeCount + hashing.pendingCount, 0, "and none is left waiting");
});
