/**
 * Repayment schedules (还款计划), manual chapter 4.3, exact to the fen with bigint arithmetic only.
 *
 * Rules (stated once, used everywhere):
 * - Rates are annual in millionths (4.90% = 49000); the monthly rate is annual ÷ 12, kept as the exact
 *   fraction micro / 12,000,000 (no float, no early rounding).
 * - Interest of a period = principal outstanding at the start of the period × monthly rate, rounded
 *   once, half up, to the fen.
 * - Equal instalment (等额本息): the payment A = P·r·(1+r)^n / ((1+r)^n − 1), computed as an exact
 *   fraction and rounded half up to the fen; each period's principal = A − that period's interest; the
 *   last period takes the principal still outstanding (it absorbs the rounding), so its payment alone
 *   may differ.
 * - Equal principal (等额本金): principal per period = ⌊P ÷ n⌋ fen; the last period takes the rest.
 * - In both, Σ principal = P exactly.
 */
export const REPAYMENT_METHODS = ["EQUAL_INSTALMENT", "EQUAL_PRINCIPAL"] as const;
export type RepaymentMethodName = (typeof REPAYMENT_METHODS)[number];

const MONTHLY_DENOMINATOR = 12_000_000n;

/** n / d rounded half up (n ≥ 0, d > 0). */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n);
}

export interface ScheduleLine {
  /** 1-based period number. */
  period: number;
  principal: bigint;
  interest: bigint;
  /** Principal outstanding after this period's principal is repaid. */
  outstandingAfter: bigint;
}

/** One period's interest on `outstanding` at the monthly rate of `annualMicro`, half up to the fen. */
export function periodInterest(outstanding: bigint, annualMicro: number): bigint {
  return divHalfUp(outstanding * BigInt(annualMicro), MONTHLY_DENOMINATOR);
}

/** The level payment of an equal-instalment schedule, half up to the fen (no interest: P ÷ n, half up). */
export function levelPayment(principal: bigint, annualMicro: number, months: number): bigint {
  const n = BigInt(months);
  if (annualMicro === 0) return divHalfUp(principal, n);
  const a = BigInt(annualMicro);
  const b = MONTHLY_DENOMINATOR;
  // (1+r)^n = (b+a)^n / b^n  ⇒  A = P·a·(b+a)^n / (b·((b+a)^n − b^n))
  const up = (b + a) ** n;
  const base = b ** n;
  return divHalfUp(principal * a * up, b * (up - base));
}

/** The schedule of `principal` fen over `months` months at `annualMicro`, by the method. */
export function buildSchedule(method: RepaymentMethodName, principal: bigint, annualMicro: number, months: number): ScheduleLine[] {
  if (principal <= 0n || months < 1 || !Number.isInteger(months) || annualMicro < 0) throw new RangeError("invalid schedule parameters");
  const lines: ScheduleLine[] = [];
  let outstanding = principal;
  const payment = method === "EQUAL_INSTALMENT" ? levelPayment(principal, annualMicro, months) : 0n;
  const flatPrincipal = principal / BigInt(months);
  // The rate as bigint once, not once a period (periodInterest inlined: the same rounding).
  const rate = BigInt(annualMicro);
  for (let k = 1; k <= months; k++) {
    const interest = divHalfUp(outstanding * rate, MONTHLY_DENOMINATOR);
    let part: bigint;
    if (k === months) part = outstanding;
    else if (method === "EQUAL_INSTALMENT") part = payment - interest;
    else part = flatPrincipal;
    // Never repay more than is outstanding (only reachable with extreme rounding on tiny loans).
    if (part > outstanding) part = outstanding;
    if (part < 0n) part = 0n;
    outstanding -= part;
    lines.push({ period: k, principal: part, interest, outstandingAfter: outstanding });
  }
  return lines;
}

/**
 * The number of months for an early repayment that keeps the payment (缩短期限): the fewest months, at
 * most `maxMonths`, whose schedule's first payment is not above `payment` (for equal principal: whose
 * principal per month is not above the one paid so far).
 */
export function monthsForPayment(method: RepaymentMethodName, principal: bigint, annualMicro: number, payment: bigint, maxMonths: number): number {
  for (let n = 1; n < maxMonths; n++) {
    const level = method === "EQUAL_INSTALMENT" ? levelPayment(principal, annualMicro, n) : principal / BigInt(n);
    if (level <= payment) return n;
  }
  return maxMonths;
}

// ---- business dates (China Standard Time, UTC+8) ----

const CST_MS = 8 * 3600_000;

/** The business date (YYYY-MM-DD) of an instant in China Standard Time. */
export function businessDay(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** `date` plus `months` calendar months; a day the month lacks becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Interest or penalty for `days` days: amount × annual rate × days ÷ 365, half up to the fen. */
export function dailyAccrual(amount: bigint, annualMicro: number, days: number): bigint {
  if (amount <= 0n || days <= 0 || annualMicro <= 0) return 0n;
  return divHalfUp(amount * BigInt(annualMicro) * BigInt(days), 365_000_000n);
}

/** Parses an annual rate in percent ("4.9", "4.90") into millionths; null when malformed or above 100%. */
export function parseRatePercent(raw: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,4}))?\s*$/.exec(raw ?? "");
  if (!m) return null;
  const micro = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  return micro > 1_000_000 ? null : micro;
}

/** Millionths as a percent with four decimals ("4.9000"). */
export function formatRate(micro: number): string {
  return `${Math.floor(micro / 10_000)}.${String(micro % 10_000).padStart(4, "0")}`;
}
