/**
 * Account numbers (账号): 19 digits, a bank prefix, a 14-digit serial from a database sequence and a
 * Luhn check digit, so that a mistyped digit or two swapped neighbours is caught before any lookup.
 */
const PREFIX = "6217";

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  // Doubling starts at the rightmost digit of the body, because the check digit will follow it.
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function accountNumberFromSerial(serial: bigint): string {
  const body = PREFIX + serial.toString().padStart(14, "0");
  return body + String(luhnCheckDigit(body));
}

export function isValidAccountNumber(number: string): boolean {
  if (!/^\d{19}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === Number(number[number.length - 1]);
}
