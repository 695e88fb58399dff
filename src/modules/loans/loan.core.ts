import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";
import { assertInReach } from "../accounts";
import { type LoanRow, type LoanStatusName, loanEvents, loanProducts, loanRates, loans } from "./loan.table";

/** Loads a loan locked for a change if the actor may act for its customer; otherwise NOT_FOUND, as for a missing id. */
export async function loanForChange(exec: Executor, viewer: Viewer, loanId: string): Promise<LoanRow> {
  if (!loanId) throw notFound("The loan", ["loanId"]);
  const [row] = await exec.select().from(loans).where(eq(loans.id, loanId)).for("update");
  await assertInReach(exec, viewer, row?.customerId ?? null, "The loan", ["loanId"]);
  return row;
}

/** Appends a step to the loan's timeline. */
export async function appendEvent(exec: Executor, loanId: string, action: string, actorId: string | null, at: Date, note = ""): Promise<void> {
  await exec.insert(loanEvents).values({ id: newId("lne"), loanId, action, note, actorId, at });
}

/** A step of a loan's timeline, collected to be appended with others in one insert (`appendEvents`). */
export interface LoanEventRecord {
  loanId: string;
  action: string;
  actorId: string | null;
  at: Date;
  note: string;
  /** A fixed id, for a step recorded at most once (an existing one is kept). */
  id?: string;
}

/** Appends several timeline steps in one insert; a step with a fixed id already present is skipped. */
export async function appendEvents(exec: Executor, events: readonly LoanEventRecord[]): Promise<void> {
  if (events.length === 0) return;
  await exec
    .insert(loanEvents)
    .values(events.map((e) => ({ id: e.id ?? newId("lne"), loanId: e.loanId, action: e.action, note: e.note, actorId: e.actorId, at: e.at })))
    .onConflictDoNothing();
}

export async function updateLoan(exec: Executor, id: string, set: Partial<LoanRow>, now: Date): Promise<LoanRow> {
  const [row] = await exec
    .update(loans)
    .set({ ...set, updatedAt: now })
    .where(eq(loans.id, id))
    .returning();
  return row;
}

/** The product's annual rate in force on a business date (the latest started, not yet ended), or null. */
export async function rateInForce(exec: Executor, productId: string, day: string): Promise<number | null> {
  const [row] = await exec
    .select({ rate: loanRates.annualRateMicro })
    .from(loanRates)
    .where(and(eq(loanRates.productId, productId), lte(loanRates.effectiveFrom, day), or(isNull(loanRates.effectiveTo), gt(loanRates.effectiveTo, day))))
    .orderBy(desc(loanRates.effectiveFrom))
    .limit(1);
  return row?.rate ?? null;
}

export async function productOf(exec: Executor, productId: string, field = "productId") {
  const [row] = productId ? await exec.select().from(loanProducts).where(eq(loanProducts.id, productId)) : [];
  if (!row) throw notFound("The loan product", [field]);
  return row;
}

/** Checks an amount and term against a product's ranges. */
export function assertWithinProduct(product: typeof loanProducts.$inferSelect, amount: bigint, termMonths: number): void {
  if (amount < product.minAmount || amount > product.maxAmount) {
    throw new DomainError("AMOUNT_OUT_OF_RANGE", `${product.name} lends between the product's minimum and maximum amount.`, ["amount"], {
      min: product.minAmount.toString(),
      max: product.maxAmount.toString(),
    });
  }
  if (!Number.isInteger(termMonths) || termMonths < product.minTermMonths || termMonths > product.maxTermMonths) {
    throw new DomainError("TERM_NOT_ALLOWED", `${product.name} is lent for ${product.minTermMonths} to ${product.maxTermMonths} months.`, ["termMonths"]);
  }
}

/** Refuses unless the loan is in one of `states` (an illegal step names the current state and the allowed ones). */
export function assertStatus(loan: LoanRow, states: readonly LoanStatusName[], action: string): void {
  if (states.includes(loan.status)) return;
  const code = loan.status === "SETTLED" ? "LOAN_SETTLED" : "INVALID_STATE_TRANSITION";
  throw new DomainError(code, `Loan is ${loan.status}: ${action} is possible only when it is ${states.join(", ")}.`, ["loanId"], {
    currentState: loan.status,
    allowedStates: [...states],
  });
}

export function requireNote(note: string | null | undefined, what: string, field = "note"): string {
  const text = (note ?? "").trim();
  if (text.length < 1 || text.length > 2000 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
    throw new DomainError("BAD_USER_INPUT", `${what} must be 1 to 2000 characters of text.`, [field]);
  }
  return text;
}
