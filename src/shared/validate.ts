import { badInput } from "../core/errors";

/** Trims and checks the length of a text field; throws BAD_USER_INPUT naming the field. */
export function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const v = (value ?? "").trim();
  if (v.length < min) throw badInput(min <= 1 ? `${field} must not be empty.` : `${field} must be at least ${min} characters long.`, [field]);
  if (v.length > max) throw badInput(`${field} must be at most ${max} characters long.`, [field]);
  return v;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  return text(value, field, 1, max);
}

/** Checks that a date range is in order. */
export function dateOrder(from: Date | null | undefined, to: Date | null | undefined, field: string): void {
  if (from && to && from.getTime() > to.getTime()) throw badInput(`${field}: the start must not be after the end.`, [field]);
}

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** True when `text` is a sequence number the database can hold: digits only, within bigint range. */
export function isSequenceNumber(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= MAX_BIGINT;
}
