/** Calendar dates of the card business as `YYYY-MM-DD` strings, counted in UTC. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first billing day strictly after `after` (a statement is never dated on the day the card starts). */
export function nextBillingDate(after: string, billingDay: number): string {
  const [y, m, d] = after.split("-").map(Number);
  const month = d < billingDay ? m - 1 : m; // zero-based month of the next billing day
  return isoDate(new Date(Date.UTC(y, month, billingDay)));
}
