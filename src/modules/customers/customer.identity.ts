import { badInput } from "../../core/errors";
import type { IdTypeName, SexName } from "./customer.table";

/** GB 11643 (ISO 7064 MOD 11-2) weights of the first 17 digits, and the check character per remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export interface ResidentId {
  number: string;
  birthDate: string;
  birthYear: number;
  sex: SexName;
}

/**
 * Why a PRC resident ID number is refused, or null when it is valid. Decision: a lower-case `x` check
 * character is accepted and normalised to `X` (card readers and people type both; the number is the
 * same), so callers must pass the normalised form from `normaliseIdNumber`.
 */
export function residentIdProblem(value: string, today: Date): string | null {
  if (value.length !== 18) return "A resident ID number has 18 characters.";
  if (!/^\d{17}[\dX]$/.test(value)) return "A resident ID number is 17 digits followed by a digit or X.";
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return "The birth date inside the resident ID number is not a real date.";
  }
  if (date.getTime() > today.getTime()) return "The birth date inside the resident ID number is in the future.";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i];
  if (CHECK[sum % 11] !== value[17]) return "The check digit of the resident ID number is wrong.";
  return null;
}

export function normaliseIdNumber(value: string): string {
  return value.trim().replace(/\s+/g, "").toUpperCase();
}

/** Validates a resident ID number and derives the birth date and sex it encodes. */
export function parseResidentId(raw: string, today: Date, field = "idNumber"): ResidentId {
  const number = normaliseIdNumber(raw);
  const problem = residentIdProblem(number, today);
  if (problem) throw badInput(problem, [field]);
  return {
    number,
    birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
    birthYear: Number(number.slice(6, 10)),
    sex: Number(number[16]) % 2 === 1 ? "MALE" : "FEMALE",
  };
}

const OTHER_ID_PATTERNS: Record<Exclude<IdTypeName, "RESIDENT_ID">, RegExp> = {
  PASSPORT: /^[A-Z0-9]{5,17}$/,
  HK_MACAO_PERMIT: /^[HM]\d{8,10}$/,
  TAIWAN_PERMIT: /^\d{8}(\d{2})?$/,
  FOREIGN_PERMANENT_RESIDENT_ID: /^[A-Z0-9]{15,18}$/,
};

export function checkOtherIdNumber(type: Exclude<IdTypeName, "RESIDENT_ID">, raw: string, field = "idNumber"): string {
  const number = normaliseIdNumber(raw);
  if (!OTHER_ID_PATTERNS[type].test(number)) throw badInput(`The ${type} number is not in the expected format.`, [field]);
  return number;
}

/** Mobile numbers: 11 digits starting with 1 (spaces and dashes are ignored). */
export function normaliseMobile(raw: string, field = "mobile"): string {
  const v = raw.trim().replace(/[\s-]/g, "");
  if (!/^1\d{10}$/.test(v)) throw badInput("A mobile number has 11 digits and starts with 1.", [field]);
  return v;
}

export function maskIdNumber(type: IdTypeName, number: string): string {
  if (type === "RESIDENT_ID" && number.length === 18) return `${number.slice(0, 6)}********${number.slice(14)}`;
  if (number.length <= 4) return "*".repeat(number.length);
  return `${number.slice(0, 1)}${"*".repeat(number.length - 5)}${number.slice(-4)}`;
}

export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

/** Keeps the coarse part of an address (province, city, district) and hides the rest. */
export function maskAddress(address: string): string {
  const chars = [...address];
  const keep = chars.length > 8 ? 6 : Math.min(2, chars.length);
  return `${chars.slice(0, keep).join("")}****`;
}
