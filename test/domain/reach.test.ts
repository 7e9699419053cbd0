import t from "tap";
import { mustCall, reachOf } from "../../src/domain/outbox/reach.ts";

const none = { email: null, phone: null, smsConsent: false, referrerEmail: null, contactViaReferrer: false };

t.test("a client is told by every way they left, and by nobody when they left none", async (t) => {
  t.same(reachOf(none), ["nobody"]);
  t.ok(mustCall(none));
  t.same(reachOf({ ...none, phone: "+31612345678" }), ["nobody"], "a phone without consent is for staff to call");
  t.ok(mustCall({ ...none, phone: "+31612345678" }));
  t.same(reachOf({ ...none, phone: "+31612345678", smsConsent: true }), ["text"]);
  t.same(reachOf({ ...none, email: "a@example.org", phone: "+31612345678", smsConsent: true }), ["email", "text"]);
  t.same(reachOf({ ...none, referrerEmail: "cw@example.org" }), ["caseworker"]);
  t.same(reachOf({ ...none, email: "a@example.org", referrerEmail: "cw@example.org" }), ["email", "caseworker"]);
  t.notOk(mustCall({ ...none, email: "a@example.org" }));
});

t.test("contact only through the caseworker leaves out the client's own ways", async (t) => {
  const viaReferrer = { ...none, email: "a@example.org", phone: "+31612345678", smsConsent: true, contactViaReferrer: true };
  t.same(reachOf({ ...viaReferrer, referrerEmail: "cw@example.org" }), ["caseworker"]);
  t.same(reachOf(viaReferrer), ["nobody"], "no caseworker address: nobody is told");
});
