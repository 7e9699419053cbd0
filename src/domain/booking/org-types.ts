// The kinds of partner organisation whose caseworkers book for clients. The codes are
// stored on the booking (referrerOrgType); pages map them to texts.
export const orgTypes = [
  "refugee-council",
  "municipality",
  "church",
  "womens-shelter",
  "salvation-army",
  "neighbourhood-team",
  "other",
] as const;

export type OrgType = (typeof orgTypes)[number];

export function isOrgType(value: unknown): value is OrgType {
  return typeof value === "string" && (orgTypes as readonly string[]).includes(value);
}
