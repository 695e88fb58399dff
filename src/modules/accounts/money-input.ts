import { DomainError, ErrorCode } from "../../core/errors";

/** Largest amount a bigint column holds, in fen. */
export const MAX_FEN = 9_223_372_036_854_775_807n;

export const AmountError = {
  INVALID: "AMOUNT_INVALID",
  TOO_PRECISE: "AMOUNT_TOO_PRECISE",
  NOT_POSITIVE: "AMOUNT_NOT_POSITIVE",
  OUT_OF_RANGE: "AMOUNT_OUT_OF_RANGE",
} as const;

/**
 * Reads an amount given as a decimal string ("1234.56") into integer fen. Amounts are taken as
 * strings, not as the `Money` scalar, so that a malformed one is a coded `userErrors` entry of the
 * payload like every other business refusal, rather than a top-level parse error.
 */
export function parseAmount(raw: string, field: string): bigint {
  const m = /^\s*([+-])?(\d+)(?:\.(\d+))?\s*$/.exec(raw ?? "");
  if (!m)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be a decimal amount in yuan such as "1234.56".`, [field], { reason: AmountError.INVALID });
  const [, sign, whole, frac = ""] = m;
  if (frac.length > 2) {
    throw new DomainError(AmountError.TOO_PRECISE, `${field} has more than two decimal places; the smallest unit is one fen (0.01).`, [field]);
  }
  const fen = BigInt(whole) * 100n + BigInt(frac.slice(0, 2).padEnd(2, "0"));
  if (sign === "-" || fen === 0n) throw new DomainError(AmountError.NOT_POSITIVE, `${field} must be greater than zero.`, [field]);
  if (fen > MAX_FEN) throw new DomainError(AmountError.OUT_OF_RANGE, `${field} is beyond the largest amount the ledger can hold.`, [field]);
  return fen;
}

/** Wrong currency: only accounts in the same currency can be posted against each other. */
export function checkCurrency(given: string | null | undefined, expected: string, field = "currency"): void {
  if (given == null || given === "") return;
  if (given.trim().toUpperCase() !== expected) {
    throw new DomainError("CURRENCY_MISMATCH", `The amount is in ${given.trim()} but the account is kept in ${expected}.`, [field]);
  }
}
