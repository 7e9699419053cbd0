// Manage tokens sealed with AES-256-GCM under a key derived from the app secret. The
// database alone cannot open them; the app can, to put the manage link in a message
// that staff or a reminder triggers long after the client left the confirmation page.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export interface TokenSeal {
  seal(token: string): string;
  /** The token, or null when the value was not sealed with this key. */
  open(sealed: string): string | null;
}

export function tokenSeal(appSecret: string): TokenSeal {
  const key = createHash("sha256").update(`spreekuur/manage-token/v1/${appSecret}`).digest();
  return {
    seal(token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, "base64url");
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
