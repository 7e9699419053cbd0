// Slots travel in URLs and forms as UTC instants ("2027-03-30T08:00:00.000Z"); anything
// else is refused before it reaches the domain.
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export function parseSlotParam(value: unknown): Date | null {
  if (typeof value !== "string" || !instantPattern.test(value) || value < "2000" || value >= "3000") return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function slotParam(at: Date): string {
  return at.toISOString();
}
