// How a queue number is shown and called: the office's letter and the day's sequence,
// "Z-07". The letter is the first of the office's slug (Zwolle: Z, Den Haag: D), so a
// client who waits at the wrong office can tell from the ticket.
export function officeLetter(office: { slug: string }): string {
  const letter = office.slug.match(/[a-z]/i)?.[0];
  return letter ? letter.toUpperCase() : "Q";
}

export function ticketLabel(office: { slug: string }, number: number): string {
  return `${officeLetter(office)}-${String(number).padStart(2, "0")}`;
}
