import { badInput } from "../../core/errors";
import type { RiskLevelName } from "./risk.table";

/**
 * Score = likelihood × impact (each 1–5), so 1–25. Level by score, as the manual's matrix has it:
 * 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL (no product falls between 16 and 20).
 */
export function levelOf(score: number): RiskLevelName {
  if (score >= 20) return "CRITICAL";
  if (score >= 10) return "HIGH";
  if (score >= 5) return "MEDIUM";
  return "LOW";
}

/** Refuses a likelihood or impact outside 1–5 (or not a whole number), naming the field. */
export function rating(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badInput(`${field} must be a whole number from 1 to 5.`, [field]);
  return value;
}

export function assess(likelihood: number, impact: number) {
  const l = rating(likelihood, "likelihood");
  const i = rating(impact, "impact");
  const score = l * i;
  return { likelihood: l, impact: i, score, level: levelOf(score) };
}

const CST_OFFSET_MS = 8 * 3_600_000;

/** The business day (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no daylight saving). */
export function businessDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight China Standard Time starting a business day, as an instant. */
export function startOfBusinessDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS);
}

/**
 * The date `n` working days after `day` (Monday to Friday; public holidays and their make-up working
 * days are not modelled). A report of a Friday's transactions is due the next Friday for n = 5.
 */
export function addWorkingDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** A customer's name shown in an alert: the first character, the rest masked (张** / J***). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return chars[0] + "*".repeat(Math.max(1, Math.min(chars.length - 1, 6)));
}
