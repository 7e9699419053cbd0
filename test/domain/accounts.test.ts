// The staff accounts' own actions, called directly: sessions, signing in, changing a
// password, the staff language, the administrator's reads.
import t from "tap";
import { changePassword } from "../../src/domain/accounts/change-password.ts";
import { findStaffUser, listStaffUsers, setStaffLocale } from "../../src/domain/accounts/find-staff-users.ts";
import { engineOf } from "../../src/db/client.ts";
import { LoginThrottle } from "../../src/domain/accounts/login-throttle.ts";
import { verifyPassword } from "../../src/domain/accounts/passwords.ts";
import { signIn } from "../../src/domain/accounts/sign-in.ts";
import { endIdleStaffSessions, endOtherStaffSessions, endStaffSession, findStaffSession, startStaffSession } from "../../src/domain/accounts/staff-sessions.ts";
import { freshDatabase } from "../helpers/app.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

const IDLE = 30 * 60_000;

t.test("a session opens with its secret only, is touched when used, and ends when idle, ended or disabled", async (t) => {
  const { db, clock } = await freshDatabase(t);
  const officer = await createStaff(db, { role: "OFFICER", offices: ["zwolle"] });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const secret = await startStaffSession(db, officer.id, clock.now());
  t.match(secret, /^[A-Za-z0-9_-]{43}$/, "256 random bits for the cookie");
  const rows = await db.staffSession.findMany();
  t.equal(rows.length, 1);
  t.not(rows[0]!.idHash, secret, "the table holds a hash, not the secret");

  const session = await findStaffSession(db, secret, IDLE, clock.now());
  t.match(session, { user: { id: officer.id, role: "OFFICER", locale: "en", mustChangePassword: false }, officeIds: [zwolle.id] });
  t.match(session!.csrfToken, /^[A-Za-z0-9_-]{32}$/);
  t.equal(await findStaffSession(db, `${secret.slice(0, -1)}x`, IDLE, clock.now()), null, "another secret opens nothing");

  clock.advance(20 * 60_000);
  t.ok(await findStaffSession(db, secret, IDLE, clock.now()), "used after 20 minutes");
  t.same((await db.staffSession.findFirstOrThrow()).lastSeenAt, clock.now(), "and marked as used");
  clock.advance(29 * 60_000);
  t.ok(await findStaffSession(db, secret, IDLE, clock.now()), "29 minutes after its last use it still opens");
  clock.advance(31 * 60_000);
  t.equal(await findStaffSession(db, secret, IDLE, clock.now()), null, "31 minutes idle: gone");
  t.equal(await db.staffSession.count(), 0, "and removed");

  const second = await startStaffSession(db, officer.id, clock.now());
  const third = await startStaffSession(db, officer.id, clock.now());
  await endOtherStaffSessions(db, officer.id, third);
  t.equal(await findStaffSession(db, second, IDLE, clock.now()), null, "the other session ended");
  t.ok(await findStaffSession(db, third, IDLE, clock.now()), "this one stays");
  await db.staffUser.update({ where: { id: officer.id }, data: { disabled: true } });
  t.equal(await findStaffSession(db, third, IDLE, clock.now()), null, "a disabled user's session opens nothing");
  const admin = await createStaff(db, { role: "ADMIN" });
  const adminSecret = await startStaffSession(db, admin.id, clock.now());
  t.same((await findStaffSession(db, adminSecret, IDLE, clock.now()))!.officeIds.sort(), (await db.office.findMany()).map((o) => o.id).sort(), "an administrator works for every office");
  await endStaffSession(db, adminSecret);
  t.equal(await findStaffSession(db, adminSecret, IDLE, clock.now()), null, "an ended session opens nothing");

  const kept = await startStaffSession(db, admin.id, clock.now());
  clock.advance(IDLE + 1);
  const recent = await startStaffSession(db, admin.id, clock.now());
  t.equal(await endIdleStaffSessions(db, IDLE, clock.now()), 1, "the daily clean-up ends the idle session");
  t.equal(await findStaffSession(db, kept, IDLE, clock.now()), null);
  t.ok(await findStaffSession(db, recent, IDLE, clock.now()), "and keeps the recent one");
});

t.test("signing in: the right password signs in and is audited; everything else is refused alike, and the throttle holds", async (t) => {
  const { db, clock } = await freshDatabase(t);
  const officer = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test" });
  const throttle = new LoginThrottle(engineOf(db).limits, "a secret for the throttle's keys");
  const deps = { db, throttle };
  t.same(await signIn(deps, { email: "  Officer@IOM.test ", password: PASSWORD }, clock.now()), { kind: "signed-in", userId: officer.id }, "email in any case, with spaces");
  const audit = await db.auditEntry.findMany({ where: { action: "user.signed-in" } });
  t.same(audit.map((a) => [a.actorId, a.entityId]), [[officer.id, officer.id]]);
  t.same(await signIn(deps, { email: "officer@iom.test", password: "wrong password!" }, clock.now()), { kind: "refused" });
  t.same(await signIn(deps, { email: "nobody@iom.test", password: PASSWORD }, clock.now()), { kind: "refused" }, "an unknown email gets the same answer");
  await db.staffUser.update({ where: { id: officer.id }, data: { disabled: true } });
  t.same(await signIn(deps, { email: "officer@iom.test", password: PASSWORD }, clock.now()), { kind: "refused" }, "so does a disabled account");
  await db.staffUser.update({ where: { id: officer.id }, data: { disabled: false } });
  for (let i = 0; i < 3; i++) t.same(await signIn(deps, { email: "officer@iom.test", password: `wrong ${i}` }, clock.now()), { kind: "refused" });
  t.same(await signIn(deps, { email: "officer@iom.test", password: PASSWORD }, clock.now()), { kind: "wait" }, "after five failures (the disabled attempt counts) even the right password must wait");
  t.equal(await db.auditEntry.count({ where: { action: "user.signed-in" } }), 1, "only the one success is audited");
});

t.test("changing a password: every rule, then the new hash, its audit entry and the other sessions ended", async (t) => {
  const { db, clock } = await freshDatabase(t);
  const user = await createStaff(db, { role: "RECEPTION", offices: ["zwolle"] });
  await db.staffUser.update({ where: { id: user.id }, data: { mustChangePassword: true } });
  const here = await startStaffSession(db, user.id, clock.now());
  const elsewhere = await startStaffSession(db, user.id, clock.now());
  const change = (fields: { current: string; password: string; repeat: string }) => changePassword(db, { userId: user.id, session: here, ...fields }, clock.now());
  const fresh = "a new and long passphrase";

  t.same(await change({ current: "not it", password: fresh, repeat: fresh }), { kind: "refused", errors: { current: "staff.password.currentWrong" } });
  t.same(await change({ current: PASSWORD, password: "short", repeat: "short" }), { kind: "refused", errors: { password: "staff.password.tooShort" } });
  t.same(await change({ current: PASSWORD, password: "x".repeat(1001), repeat: "x".repeat(1001) }), { kind: "refused", errors: { password: "staff.password.tooLong" } });
  t.same(await change({ current: PASSWORD, password: fresh, repeat: `${fresh}.` }), { kind: "refused", errors: { repeat: "staff.password.mismatch" } });
  t.same(await change({ current: PASSWORD, password: PASSWORD, repeat: PASSWORD }), { kind: "refused", errors: { password: "staff.password.same" } });
  t.same(await change({ current: "", password: "", repeat: "x" }), { kind: "refused", errors: { password: "staff.password.tooShort", repeat: "staff.password.mismatch", current: "staff.password.currentWrong" } });
  t.ok(await verifyPassword((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD), "nothing changed yet");
  t.equal(await db.auditEntry.count({ where: { action: "user.password-changed" } }), 0);

  t.same(await change({ current: PASSWORD, password: fresh, repeat: fresh }), { kind: "changed" });
  const stored = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
  t.ok(await verifyPassword(stored.passwordHash, fresh), "the new password is stored as a hash");
  t.equal(stored.mustChangePassword, false, "a one-time password is replaced");
  t.same((await db.auditEntry.findMany({ where: { action: "user.password-changed" } })).map((a) => a.entityId), [user.id]);
  t.ok(await findStaffSession(db, here, IDLE, clock.now()), "this browser stays signed in");
  t.equal(await findStaffSession(db, elsewhere, IDLE, clock.now()), null, "other browsers must sign in again");
});

t.test("the administrator's reads and the staff language", async (t) => {
  const { db } = await freshDatabase(t);
  const b = await createStaff(db, { role: "OFFICER", offices: ["zwolle", "tilburg"], name: "Bram" });
  const a = await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], name: "Anna" });
  const c = await createStaff(db, { role: "ADMIN", name: "Carla" });
  await db.staffUser.update({ where: { id: a.id }, data: { disabled: true } });
  const list = await listStaffUsers(db);
  t.same(list.map((u) => u.name), ["Bram", "Carla", "Anna"], "active accounts first, then by name");
  t.same(list[0]!.offices.map((o) => o.office.name).sort(), ["Tilburg", "Zwolle — Wijkcentrum Holtenbroek"].sort());
  const found = await findStaffUser(db, b.id);
  t.same(found?.offices.map((o) => o.officeId).length, 2);
  t.equal(await findStaffUser(db, 999_999), null);
  t.equal(await setStaffLocale(db, c.id, "nl"), "nl");
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: c.id } })).locale, "nl");
  t.equal(await setStaffLocale(db, c.id, "ar"), null, "not a staff language: ignored");
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: c.id } })).locale, "nl");
});
