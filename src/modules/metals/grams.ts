import { DomainError, ErrorCode } from "../../core/errors";

/** Units per gram: holdings and trades are integer ten-thousandths of a gram (0.0001 g). */
export const UNITS_PER_GRAM = 10_000n;
/** The largest quantity one trade may name (100 tonnes), far below what a bigint holds. */
const MAX_UNITS = 100_000_000n * UNITS_PER_GRAM;

export const GramsError = {
  INVALID: "GRAMS_INVALID",
  TOO_PRECISE: "GRAMS_TOO_PRECISE",
  NOT_POSITIVE: "GRAMS_NOT_POSITIVE",
  OUT_OF_RANGE: "GRAMS_OUT_OF_RANGE",
} as const;

/**
 * Reads a weight given as a decimal string of grams ("12.5", "0.0001") into integer units of 0.0001 g.
 * More than four decimals is refused, never rounded: the customer must be told the exact quantity.
 */
export function parseGrams(raw: string, field: string): bigint {
  const m = /^\s*([+-])?(\d+)(?:\.(\d+))?\s*$/.exec(raw ?? "");
  if (!m) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be a weight in grams such as "12.5".`, [field], { reason: GramsError.INVALID });
  const [, sign, whole, frac = ""] = m;
  if (frac.length > 4) throw new DomainError(GramsError.TOO_PRECISE, `${field} has more than four decimal places; the smallest unit is 0.0001 g.`, [field]);
  if (whole.length > 12) throw new DomainError(GramsError.OUT_OF_RANGE, `${field} is beyond the largest quantity one trade may name.`, [field]);
  const units = BigInt(whole) * UNITS_PER_GRAM + BigInt(frac.padEnd(4, "0"));
  if (sign === "-" || units === 0n) throw new DomainError(GramsError.NOT_POSITIVE, `${field} must be greater than zero.`, [field]);
  if (units > MAX_UNITS) throw new DomainError(GramsError.OUT_OF_RANGE, `${field} is beyond the largest quantity one trade may name.`, [field]);
  return units;
}

/** Units of 0.0001 g as a decimal string of grams with four decimals ("12.5000"). */
export function formatGrams(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / UNITS_PER_GRAM}.${(abs % UNITS_PER_GRAM).toString().padStart(4, "0")}`;
}

/**
 * The money for `units` at `pricePerGram` fen: price × units ÷ 10,000, rounded half up to the fen
 * (both inputs are positive integers, so half up is adding half the divisor before the integer division).
 * The same rule for buys and sells, so buying and selling back the same weight at the same price nets zero.
 */
export function tradeAmount(units: bigint, pricePerGram: bigint): bigint {
  return (units * pricePerGram + UNITS_PER_GRAM / 2n) / UNITS_PER_GRAM;
}

/** The cost basis leaving a holding when `sold` of its `held` units are sold: proportional, rounded down (the remainder stays with the rest). */
export function costOfSold(cost: bigint, held: bigint, sold: bigint): bigint {
  if (held === 0n) return 0n;
  if (sold >= held) return cost;
  return (cost * sold) / held;
}
