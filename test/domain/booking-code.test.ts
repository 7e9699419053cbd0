import t from "tap";
import { newBookingCode, parseBookingCode } from "../../src/domain/booking/booking-code.ts";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { hashManageToken, isManageToken, newManageToken } from "../../src/domain/booking/manage-token.ts";

t.test("booking codes avoid look-alike characters and read back from what people type", async (t) => {
  const codes = Array.from({ length: 2000 }, newBookingCode);
  t.same(codes.filter((code) => !/^[A-HJKMNP-Z2-9]{8}$/.test(code)), [], "eight characters from the safe alphabet");
  t.notOk(codes.join("").match(/[01OIL]/), "no 0, 1, O, I or L");
  t.ok(new Set(codes).size > 1990, "codes are random");
  t.equal(formatBookingCode("K7MX4QPB"), "K7MX-4QPB");
  t.equal(parseBookingCode(" k7mx-4qpb "), "K7MX4QPB");
  t.equal(parseBookingCode("k7mx 4qpb"), "K7MX4QPB");
  t.equal(parseBookingCode("K7MX-4QP0"), null, "0 is never in a code");
  t.equal(parseBookingCode("K7MX"), null);
});

t.test("manage tokens carry 128 random bits and are stored only as a hash", async (t) => {
  const token = newManageToken();
  t.equal(Buffer.from(token, "base64url").length, 16);
  t.equal(token.length, 22, "short enough for a text message and a small QR code");
  t.ok(isManageToken(token));
  t.ok(isManageToken("A".repeat(43)), "256-bit tokens of earlier bookings still open their booking");
  t.notOk(isManageToken("A".repeat(30)));
  t.notOk(isManageToken(token.slice(1)));
  t.notOk(isManageToken(`${token.slice(1)}!`));
  t.notOk(isManageToken(42));
  t.match(hashManageToken(token), /^[0-9a-f]{64}$/);
  t.equal(hashManageToken(token), hashManageToken(token));
  t.not(hashManageToken(token), hashManageToken(newManageToken()));
});
