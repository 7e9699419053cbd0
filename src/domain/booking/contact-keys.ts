// The same person's contact written in different ways — "Amina@Example.org ",
// "06 1234 5678", "+31 6-12345678" — reduced to one key, to count how many future
// appointments a contact holds.

export function emailKey(email: string | null): string | null {
  return email ? email.trim().toLowerCase() : null;
}

/** Digits only, with Dutch national numbers (0…) written internationally (31…). */
export function phoneKey(phone: string | null): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = `31${digits.slice(1)}`;
  return digits.length >= 6 ? digits : null;
}
