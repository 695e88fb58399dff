/**
 * Interest arithmetic for deposits (利息计算), chapter 4.2. Documented rules, each computed exactly in
 * integer fen and rounded once, half up, to the fen:
 *   a time deposit held to maturity: principal × annual rate × term months ÷ 12 (term in years, as
 *   Chinese banks pay it, not day-counted);
 *   demand interest (an early withdrawal, for the days held): principal × demand rate × days ÷ 365.
 * Rates are annual in millionths (1.50% = 15000). Days are calendar days between business dates in
 * China Standard Time (UTC+8): the start date counts, the end date does not.
 */
export const DAYS_PER_YEAR = 365n;
const RATE_SCALE = 1_000_000n;

export function interestFen(principalFen: bigint, annualRateMicro: number, days: number): bigint {
  if (principalFen <= 0n || days <= 0 || annualRateMicro <= 0) return 0n;
  const numerator = principalFen * BigInt(annualRateMicro) * BigInt(days);
  const denominator = RATE_SCALE * DAYS_PER_YEAR;
  // Half up: add half the divisor before the integer division (all terms are non-negative).
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Interest of a term held to maturity: principal × annual rate × months ÷ 12, half up to the fen. */
export function termInterestFen(principalFen: bigint, annualRateMicro: number, termMonths: number): bigint {
  if (principalFen <= 0n || termMonths <= 0 || annualRateMicro <= 0) return 0n;
  const numerator = principalFen * BigInt(annualRateMicro) * BigInt(termMonths);
  const denominator = RATE_SCALE * 12n;
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * Interest a deposit earns at maturity: by the term rule, or, for a deposit paid out before the
 * correction (basis ACTUAL_365), by the day count it was paid on, so its history reads as it was paid.
 */
export function interestAtMaturity(td: {
  principal: bigint;
  annualRateMicro: number;
  termMonths: number;
  startDate: string;
  maturityDate: string;
  interestBasis: string;
}): bigint {
  if (td.interestBasis === "ACTUAL_365") return interestFen(td.principal, td.annualRateMicro, daysBetween(td.startDate, td.maturityDate));
  return termInterestFen(td.principal, td.annualRateMicro, td.termMonths);
}

/** Smallest principal of a time deposit (整存整取 50 元起存), also the least a partial withdrawal must leave. */
export const MIN_PRINCIPAL_FEN = 5000n;

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The business date (YYYY-MM-DD) of an instant, in China Standard Time. */
export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (the first counts, the last does not). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export const TERMS = [3, 6, 12, 24, 36, 60] as const;
