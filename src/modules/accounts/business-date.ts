/** Business dates are calendar dates in China Standard Time (UTC+8), as YYYY-MM-DD. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

export function businessDateOf(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a business date ends (00:00 China Standard Time of the next day). */
export function endOfBusinessDate(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - CST_OFFSET_MS);
}

/** Adds calendar months; a day missing from the target month becomes its last day. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10);
}
