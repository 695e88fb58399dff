import { DomainError, badInput } from "../../core/errors";
import { parseAmount } from "../accounts";

export const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** A cost that may be zero (in-house maintenance); otherwise read like every amount: decimal yuan, at most two places, into fen. */
export function parseCost(raw: string, field: string): bigint {
  if (/^\s*0+(\.0{1,2})?\s*$/.test(raw ?? "")) return 0n;
  return parseAmount(raw, field);
}

/** Records of work done are never dated in the future (chapter 1: an accurate record). */
export function notInFuture(at: Date, now: Date, field: string): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badInput(`${field} is not a valid time.`, [field]);
  if (at.getTime() > now.getTime()) throw new DomainError("DATE_IN_FUTURE", `${field} is in the future; record work once it is done.`, [field]);
  return at;
}

export function wholeNumber(n: number | null | undefined, field: string, min: number, max: number): number {
  if (n == null || !Number.isInteger(n) || n < min || n > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, [field]);
  return n;
}

export function oneOfValues<T extends string>(values: readonly T[], value: string | null | undefined, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}
