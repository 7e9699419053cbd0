// The addresses of a booking's manage pages. The short link (/b/<token>, about 50
// characters) goes where space is scarce — text messages, the appointment card and its QR
// code — and opens the manage page in the language the client booked in.
export function manageUrl(publicUrl: string, locale: string, token: string): string {
  return `${publicUrl}/${locale}/booking/${token}`;
}

export function shortManageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/b/${token}`;
}
