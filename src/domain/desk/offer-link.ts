// The link of an offer of a freed place: /o/<token>, short enough for a text message. A
// message is only sent while its offer is open; the token is kept (sealed) only as long.
import type { Tx } from "../../db/client.ts";
import { isOpen } from "./waiting-offers.ts";

export function offerUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/o/${token}`;
}

/** The link of an offer still open at `now`, or null (ended, or its token cannot be opened). */
export async function openOfferUrl(db: Tx, seal: { open(sealed: string): string | null }, publicUrl: string, offerId: number, now: Date): Promise<string | null> {
  const offer = await db.waitingOffer.findUnique({ where: { id: offerId }, select: { status: true, expiresAt: true, tokenSealed: true } });
  if (!offer || !isOpen(offer, now) || !offer.tokenSealed) return null;
  const token = seal.open(offer.tokenSealed);
  return token ? offerUrl(publicUrl, token) : null;
}
