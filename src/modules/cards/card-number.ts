import { DomainError } from "../../core/errors";

/**
 * Card numbers (卡号), chapter 4.4: 16 digits = the bank's BIN (6 digits), a 9-digit serial and a Luhn
 * check digit. Serials come from a database sequence (unique across instances) and are spread over the
 * 9-digit space by multiplying with a constant prime to 10⁹ (a bijection), so that consecutive cards do
 * not carry consecutive numbers.
 */
export const CARD_BIN = "622288";
const SERIAL_SPACE = 1_000_000_000n;
const SPREAD = 387_420_489n; // 3^18: coprime with 10^9, so the mapping below is one-to-one.

/** Luhn sum over all digits, the last one counted undoubled; a valid number sums to a multiple of 10. */
function luhnSum(digits: string): number {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    const v = double ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
    sum += v;
    double = !double;
  }
  return sum;
}

export function luhnValid(number: string): boolean {
  return /^\d+$/.test(number) && luhnSum(number) % 10 === 0;
}

export function cardNumberFromSerial(serial: bigint): string {
  const body = CARD_BIN + ((serial * SPREAD) % SERIAL_SPACE).toString().padStart(9, "0");
  // The check digit makes the sum with it (doubled positions shift by one) a multiple of ten.
  const check = (10 - (luhnSum(body + "0") % 10)) % 10;
  return body + String(check);
}

/** Masked for display: `6222 **** **** 1234` style (BIN's first four, last four). */
export function maskCardNumber(last4: string | null): string | null {
  return last4 ? `${CARD_BIN.slice(0, 4)} **** **** ${last4}` : null;
}

export const CardNumberError = { INVALID: "CARD_NUMBER_INVALID" } as const;

/**
 * Reads a card number given by a customer or a terminal: spaces and dashes are ignored; 16 digits of
 * this bank's BIN with a correct Luhn check digit, else CARD_NUMBER_INVALID naming the field.
 */
export function parseCardNumber(raw: string | null | undefined, field: string): string {
  const n = (raw ?? "").replace(/[\s-]/g, "");
  if (!/^\d{16}$/.test(n)) throw new DomainError(CardNumberError.INVALID, `${field} must be 16 digits.`, [field]);
  if (!luhnValid(n)) throw new DomainError(CardNumberError.INVALID, `${field} fails the check digit; please re-read the card.`, [field]);
  if (!n.startsWith(CARD_BIN)) throw new DomainError(CardNumberError.INVALID, `${field} is not a card of this bank.`, [field]);
  return n;
}
