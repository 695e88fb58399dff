import { badInput } from "../../core/errors";

/**
 * Deadlines of 《银行业保险业消费投诉处理管理办法》 (CBIRC order 2020 No. 3), manual chapter 7: decide
 * within 15 days of receipt; a complex case may run to 30; an especially complex one a further 30
 * (60 at most), only with a supervisor's approval and the customer told. Calendar days, counted in
 * whole 24-hour periods from the moment of receipt, so that the stored deadline is one exact instant.
 */
export const BASE_DAYS = 15;
export const COMPLEX_DAYS = 30;
export const MAX_DAYS = 60;
/** The deadline watch warns this long before the deadline. */
export const APPROACHING_MS = 2 * 24 * 3600_000;

const DAY_MS = 24 * 3600_000;

export function deadlineFor(startAt: Date, days: number): Date {
  return new Date(startAt.getTime() + days * DAY_MS);
}

/** The next allowed length after `days`, and whether it needs a supervisor and the customer told. */
export function nextExtension(days: number): { toDays: number; needsSupervisor: boolean } | null {
  if (days < COMPLEX_DAYS) return { toDays: COMPLEX_DAYS, needsSupervisor: false };
  if (days < MAX_DAYS) return { toDays: MAX_DAYS, needsSupervisor: true };
  return null;
}

/** Seconds from `now` until the deadline (negative once passed). */
export function secondsLeft(deadlineAt: Date, now: Date): number {
  return Math.floor((deadlineAt.getTime() - now.getTime()) / 1000);
}

/** A complaint review (核查) may be asked for within 30 days of the decision. */
export const REVIEW_WINDOW_MS = 30 * DAY_MS;

/** A review (核查) is decided within 30 days of the request, with no extension. */
export const REVIEW_DAYS = 30;

/** China Standard Time (UTC+8, no daylight saving): working days are counted on the local calendar. */
const CST_OFFSET_MS = 8 * 3600_000;

/**
 * `from` plus `days` working days (工作日), the same local time of day: Monday to Friday on the China
 * calendar. Public holidays and their make-up working days are not modelled, so a target may fall on a
 * holiday; it never falls later than the rule allows on an ordinary week.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t + CST_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}

/** A time the caller states for a past event: not in the future, not before `earliest`. */
export function pastTime(value: Date | null | undefined, now: Date, earliest: Date, field: string, what: string): Date {
  const at = value ?? now;
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime()) throw badInput(`${field} must not be in the future.`, [field]);
  if (at.getTime() < earliest.getTime()) throw badInput(`${field} must not be before ${what}.`, [field]);
  return at;
}
