// The one-time key of a form that makes a booking (or adds someone to the waiting list),
// issued by the server with the form: 16 random bytes, the moment the key expires, and an
// HMAC under the app secret over both and what the form is for (the office and the slot).
// A key we did not issue, issued for another slot or office, or expired is refused: a bot
// cannot book without loading the form, and no one can choose a booking's manage token.
//
// The manage token is derived from the key on the server (another HMAC, of which the
// token takes 128 bits), so
// sending the same form again (a double click, Back and send) derives the same token and
// finds the booking it made, while the key itself never becomes a link.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { manageTokenOf } from "./manage-token.ts";

/** How long a form may stay open before it must be loaded again. */
export const FORM_KEY_LIFETIME_MS = 24 * 60 * 60_000;

const NONCE_BYTES = 16;
const EXPIRY_BYTES = 6;
const MAC_BYTES = 14;
const KEY_LENGTH = Math.ceil(((NONCE_BYTES + EXPIRY_BYTES + MAC_BYTES) * 4) / 3);
const keyPattern = new RegExp(`^[A-Za-z0-9_-]{${KEY_LENGTH}}$`);

/** What a form is for: the office, and the slot (or another fixed target, e.g. a waiting list). */
export interface FormScope {
  officeId: number;
  target: string;
}

export type PostedFormKey = { kind: "valid"; manageToken: string } | { kind: "expired" } | { kind: "invalid" };

export interface FormKeys {
  issue(scope: FormScope, now: Date): string;
  /** Checks a posted key against the form it was sent with. */
  read(key: unknown, scope: FormScope, now: Date): PostedFormKey;
}

export function formKeys(appSecret: string): FormKeys {
  const mac = (payload: Buffer, scope: FormScope) =>
    createHmac("sha256", appSecret).update(`spreekuur/form-key/v1\0${scope.officeId}\0${scope.target}\0`).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    issue(scope, now) {
      const payload = Buffer.alloc(NONCE_BYTES + EXPIRY_BYTES);
      randomBytes(NONCE_BYTES).copy(payload);
      payload.writeUIntBE(now.getTime() + FORM_KEY_LIFETIME_MS, NONCE_BYTES, EXPIRY_BYTES);
      return Buffer.concat([payload, mac(payload, scope)]).toString("base64url");
    },
    read(key, scope, now) {
      if (typeof key !== "string" || !keyPattern.test(key)) return { kind: "invalid" };
      const raw = Buffer.from(key, "base64url");
      const payload = raw.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
      if (!timingSafeEqual(raw.subarray(NONCE_BYTES + EXPIRY_BYTES), mac(payload, scope))) return { kind: "invalid" };
      if (payload.readUIntBE(NONCE_BYTES, EXPIRY_BYTES) <= now.getTime()) return { kind: "expired" };
      const manageToken = manageTokenOf(createHmac("sha256", appSecret).update("spreekuur/manage-token-from-form/v1\0").update(payload).digest());
      return { kind: "valid", manageToken };
    },
  };
}
