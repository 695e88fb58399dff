import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import { newId } from "../../core/ids";
import { type AccountRow, type JournalEntryRow, post } from "../accounts";
import { type LoanEventRecord, appendEvent } from "./loan.core";
import { type ScheduleLine, plusMonths } from "./schedule";
import {
  LOAN_INTEREST_INCOME_ACCOUNT_ID,
  LOANS_RECEIVABLE_ACCOUNT_ID,
  type LoanInstalmentRow,
  type LoanPaymentRow,
  type LoanRow,
  type PaymentKindName,
  loanInstalments,
  loanPayments,
  loans,
} from "./loan.table";

/**
 * Writes a schedule as instalments numbered from `firstPeriod`, each due that many months after the
 * loan's value date: the schedule at disbursement (from 1) and one recomputed from the next period on.
 */
export async function writeSchedule(exec: Executor, loanId: string, valueDate: string, firstPeriod: number, schedule: ScheduleLine[]): Promise<void> {
  await exec.insert(loanInstalments).values(
    schedule.map((line) => ({
      id: newId("lni"),
      loanId,
      period: firstPeriod + line.period - 1,
      dueDate: plusMonths(valueDate, firstPeriod + line.period - 1),
      principalDue: line.principal,
      interestDue: line.interest,
    })),
  );
}

/** Cancels the instalments a recomputed schedule replaces (they stay on record, out of the schedule). */
export async function cancelInstalments(exec: Executor, instalments: readonly LoanInstalmentRow[]): Promise<void> {
  if (instalments.length === 0) return;
  await exec
    .update(loanInstalments)
    .set({ status: "CANCELLED" })
    .where(
      inArray(
        loanInstalments.id,
        instalments.map((i) => i.id),
      ),
    );
}

/**
 * Brings penalty interest (罚息) of overdue instalments up to `today`: each unpaid instalment past its
 * due date accrues (unpaid principal + unpaid interest) × penalty rate × days ÷ 365 for the days since
 * it was last accrued (from its due date), rounded half up to the fen at each accrual. One statement,
 * for one loan, a list of loans or (loanId null) every live loan; re-running it on the same day adds nothing.
 */
export async function accruePenalties(exec: Executor, today: string, loanId: string | readonly string[] | null): Promise<number> {
  const res = (await exec.execute(sql`
    update loan_instalments i
       set penalty_accrued = i.penalty_accrued
             + div((i.principal_due - i.principal_paid + i.interest_due - i.interest_paid)::numeric * l.penalty_rate_micro
                   * (${today}::date - coalesce(i.penalty_through, i.due_date)) * 2 + 365000000, 730000000)::bigint,
           penalty_through = ${today}::date
      from loans l
     where l.id = i.loan_id
       and l.status in ('DISBURSED', 'REPAYING')
       and i.status = 'SCHEDULED'
       and i.due_date < ${today}::date
       and coalesce(i.penalty_through, i.due_date) < ${today}::date
       ${loanFilter(loanId)}`)) as unknown as { rowCount?: number; affectedRows?: number };
  return Number(res.rowCount ?? res.affectedRows ?? 0);
}

function loanFilter(loanId: string | readonly string[] | null) {
  if (loanId === null) return sql``;
  if (typeof loanId === "string") return sql`and i.loan_id = ${loanId}`;
  if (loanId.length === 0) return sql`and false`;
  return sql`and i.loan_id in (${sql.join(
    loanId.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The instalments due on or before `today` and not yet paid, oldest first (of one loan, or of several: by loan, then period). */
export function dueInstalments(exec: Executor, loanId: string | readonly string[], today: string): Promise<LoanInstalmentRow[]> {
  const ofLoan = typeof loanId === "string" ? eq(loanInstalments.loanId, loanId) : inArray(loanInstalments.loanId, [...loanId]);
  return exec
    .select()
    .from(loanInstalments)
    .where(and(ofLoan, eq(loanInstalments.status, "SCHEDULED"), lte(loanInstalments.dueDate, today)))
    .orderBy(asc(loanInstalments.loanId), asc(loanInstalments.period));
}

/** The instalments not yet due, in order. */
export function futureInstalments(exec: Executor, loanId: string, today: string): Promise<LoanInstalmentRow[]> {
  return exec
    .select()
    .from(loanInstalments)
    .where(and(eq(loanInstalments.loanId, loanId), eq(loanInstalments.status, "SCHEDULED"), gt(loanInstalments.dueDate, today)))
    .orderBy(asc(loanInstalments.period));
}

export const owing = (i: LoanInstalmentRow) => i.penaltyAccrued - i.penaltyPaid + (i.interestDue - i.interestPaid) + (i.principalDue - i.principalPaid);

export interface Split {
  penalty: bigint;
  interest: bigint;
  principal: bigint;
}

/**
 * Applies `amount` to due instalments: all penalty first, then all interest, then all principal, each
 * oldest instalment first. Updates the instalments (paid in full → PAID) and returns the split.
 */
export async function settleDue(exec: Executor, due: LoanInstalmentRow[], amount: bigint, now: Date): Promise<Split> {
  let left = amount;
  const split: Split = { penalty: 0n, interest: 0n, principal: 0n };
  const rows = due.map((i) => ({ ...i }));
  const take = (open: bigint) => {
    const t = open < left ? open : left;
    left -= t;
    return t;
  };
  for (const i of rows) {
    const t = take(i.penaltyAccrued - i.penaltyPaid);
    i.penaltyPaid += t;
    split.penalty += t;
  }
  for (const i of rows) {
    const t = take(i.interestDue - i.interestPaid);
    i.interestPaid += t;
    split.interest += t;
  }
  for (const i of rows) {
    const t = take(i.principalDue - i.principalPaid);
    i.principalPaid += t;
    split.principal += t;
  }
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const before = due[k];
    if (i.penaltyPaid === before.penaltyPaid && i.interestPaid === before.interestPaid && i.principalPaid === before.principalPaid) continue;
    const paid = owing(i) === 0n;
    await exec
      .update(loanInstalments)
      .set({ penaltyPaid: i.penaltyPaid, interestPaid: i.interestPaid, principalPaid: i.principalPaid, ...(paid ? { status: "PAID", paidAt: now } : {}) })
      .where(eq(loanInstalments.id, i.id));
  }
  return split;
}

/**
 * Posts a repayment: one entry debiting the customer's account and crediting the loans account
 * (principal) and interest income (interest and penalty); records it and moves the loan on (DISBURSED
 * → REPAYING; SETTLED when no principal and no instalment is left). The loan's timeline steps are
 * appended here, or, given `events`, collected there for the caller to append with others in one insert.
 */
export async function postRepayment(
  tx: Tx,
  loan: LoanRow,
  split: Split,
  kind: PaymentKindName,
  actorId: string | null,
  now: Date,
  locked: Map<string, AccountRow>,
  idempotencyKey?: string | null,
  events?: LoanEventRecord[],
): Promise<{ loan: LoanRow; payment: LoanPaymentRow; entry: JournalEntryRow; account: AccountRow; accounts: Map<string, AccountRow> }> {
  const amount = split.penalty + split.interest + split.principal;
  const lines = [{ accountId: loan.accountId, amount: -amount, field: "loanId" }];
  if (split.principal > 0n) lines.push({ accountId: LOANS_RECEIVABLE_ACCOUNT_ID, amount: split.principal, field: "loanId" });
  if (split.interest + split.penalty > 0n) lines.push({ accountId: LOAN_INTEREST_INCOME_ACCOUNT_ID, amount: split.interest + split.penalty, field: "loanId" });
  const posted = await post(
    tx,
    { kind: "LOAN_REPAYMENT", memo: `Loan ${loan.contractNumber} ${kind.toLowerCase()}`, lines, createdById: actorId, idempotencyKey, now, counter: false },
    locked,
  );
  const [payment] = await tx
    .insert(loanPayments)
    .values({ id: newId("lnr"), loanId: loan.id, kind, entryId: posted.entry.id, amount, ...split, createdById: actorId, createdAt: now })
    .returning();
  const outstanding = loan.principalOutstanding - split.principal;
  // Settled when no principal and no scheduled instalment is left: decided by the update itself, which
  // sees the instalments this transaction has just paid, so no separate count is needed.
  const at = sql`${now.toISOString()}::timestamptz`;
  const settles = sql`(${outstanding.toString()}::bigint = 0 and not exists (select 1 from loan_instalments li where li.loan_id = ${loan.id} and li.status = 'SCHEDULED'))`;
  const [updated] = await tx
    .update(loans)
    .set({
      principalOutstanding: outstanding,
      status: sql`case when ${settles} then 'SETTLED'::loan_status else 'REPAYING'::loan_status end`,
      closedAt: sql`case when ${settles} then ${at} else ${loans.closedAt} end`,
      updatedAt: now,
    })
    .where(eq(loans.id, loan.id))
    .returning();
  const settled = updated.status === "SETTLED";
  const note = `penalty ${split.penalty}, interest ${split.interest}, principal ${split.principal} (fen)`;
  if (events) {
    events.push({ loanId: loan.id, action: kind, actorId, at: now, note });
    if (settled) events.push({ loanId: loan.id, action: "SETTLED", actorId, at: now, note: "" });
  } else {
    await appendEvent(tx, loan.id, kind, actorId, now, note);
    if (settled) await appendEvent(tx, loan.id, "SETTLED", actorId, now);
  }
  return { loan: updated, payment, entry: posted.entry, account: posted.accounts.get(loan.accountId)!, accounts: posted.accounts };
}
