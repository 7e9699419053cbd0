// A message as staff may read it on the outbox page: the manage links it carries open
// (and can cancel) the client's booking, so their secret part is hidden.
export const MASK = "••••••••";

/**
 * Booking links (/xx/booking/<token>…, /b/<token>), offer links (/o/<token>, /xx/offer/<token>)
 * and any other long secret-looking run, masked.
 */
export function maskSecretLinks(text: string): string {
  return text
    .replace(/(\/(?:[a-z]{2,3}\/(?:booking|offer)|b|o)\/)[A-Za-z0-9_-]{8,}/g, `$1${MASK}`)
    .replace(/[A-Za-z0-9_-]{32,}/g, MASK);
}
