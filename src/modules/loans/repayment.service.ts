import type { Context } from "../../core/context";
import { DomainError } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy, lockAccounts, parseAmount } from "../accounts";
import { appendEvent, assertStatus, loanForChange } from "./loan.core";
import { EarlyRepaymentOption, type LoanRepayEarlyInput, type LoanRepayInput } from "./loan.inputs";
import { canWorkLoans } from "./loan.policy";
import { LIVE_STATES } from "./loan.states";
import { LOAN_INTEREST_INCOME_ACCOUNT_ID, LOANS_RECEIVABLE_ACCOUNT_ID } from "./loan.table";
import { accruePenalties, cancelInstalments, dueInstalments, futureInstalments, owing, postRepayment, settleDue, writeSchedule } from "./repayment.core";
import { buildSchedule, businessDay, dailyAccrual, daysFrom, monthsForPayment, plusMonths } from "./schedule";

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

/** A counter repayment (柜台还款) of what is due now, in full or in part: penalty, then interest, then principal. */
export function repayLoan(ctx: Context, input: LoanRepayInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "loan repayments (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.repay", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    assertStatus(loan, LIVE_STATES, "a repayment");
    const amount = parseAmount(input.amount, "amount");
    const today = businessDay(m.now);
    await accruePenalties(m.tx, today, loan.id);
    const due = await dueInstalments(m.tx, loan.id, today);
    const total = sum(due.map(owing));
    if (total === 0n)
      throw new DomainError("NOTHING_DUE", "Nothing is due on this loan today; to repay ahead of the schedule use early repayment.", ["loanId"]);
    if (amount > total) throw new DomainError("AMOUNT_EXCEEDS_DUE", "The amount is more than is due now; repay the rest early instead.", ["amount"]);
    const locked = await lockAccounts(m.tx, [loan.accountId, LOANS_RECEIVABLE_ACCOUNT_ID, LOAN_INTEREST_INCOME_ACCOUNT_ID]);
    const split = await settleDue(m.tx, due, amount, m.now);
    const r = await postRepayment(m.tx, loan, split, "COUNTER", m.actorId, m.now, locked, input.idempotencyKey);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { amount, ...split } });
    return r;
  });
}

/**
 * Early repayment (提前还款). What is due now (penalty, interest, principal) is paid first; the principal
 * repaid early also pays interest for the days it was held in the current period (principal × rate ×
 * days ÷ 365, half up), while the principal that stays pays the full period in its next instalment.
 * Whole: the future instalments are cancelled and the loan is settled. Part: they are replaced by a
 * schedule of the principal left, over as many months (lower payment) or the fewest months whose
 * payment is not above the current one (shorter term), on the same due dates.
 */
export function repayEarly(ctx: Context, input: LoanRepayEarlyInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "loan repayments (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.repayEarly", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    assertStatus(loan, LIVE_STATES, "an early repayment");
    const today = businessDay(m.now);
    await accruePenalties(m.tx, today, loan.id);
    const due = await dueInstalments(m.tx, loan.id, today);
    const future = await futureInstalments(m.tx, loan.id, today);
    const futurePrincipal = sum(future.map((i) => i.principalDue));
    if (future.length === 0) throw new DomainError("NOTHING_AHEAD", "No instalment is left ahead of today; repay what is due instead.", ["loanId"]);
    let early = futurePrincipal;
    if (!input.whole) {
      if (input.principal == null) throw new DomainError("BAD_USER_INPUT", "A part repayment names the principal to repay.", ["principal"]);
      early = parseAmount(input.principal, "principal");
      if (early >= futurePrincipal) {
        throw new DomainError("AMOUNT_OUT_OF_RANGE", "The principal is not below the principal outstanding; repay the whole loan instead.", ["principal"]);
      }
    }
    // The current period began on the due date before the first instalment ahead (the value date for the first).
    const periodStart = plusMonths(loan.valueDate!, future[0].period - 1);
    const accrued = dailyAccrual(early, loan.annualRateMicro!, Math.max(0, daysFrom(periodStart, today)));
    const locked = await lockAccounts(m.tx, [loan.accountId, LOANS_RECEIVABLE_ACCOUNT_ID, LOAN_INTEREST_INCOME_ACCOUNT_ID]);
    const arrears = await settleDue(m.tx, due, sum(due.map(owing)), m.now);
    await cancelInstalments(m.tx, future);
    let months = 0;
    if (!input.whole) {
      const left = futurePrincipal - early;
      const first = future[0];
      const current = loan.method === "EQUAL_INSTALMENT" ? first.principalDue + first.interestDue : first.principalDue;
      months =
        input.option === EarlyRepaymentOption.SHORTER_TERM ? monthsForPayment(loan.method, left, loan.annualRateMicro!, current, future.length) : future.length;
      const schedule = buildSchedule(loan.method, left, loan.annualRateMicro!, months);
      await writeSchedule(m.tx, loan.id, loan.valueDate!, first.period, schedule);
    }
    const split = { penalty: arrears.penalty, interest: arrears.interest + accrued, principal: arrears.principal + early };
    const r = await postRepayment(m.tx, loan, split, input.whole ? "EARLY_WHOLE" : "EARLY_PART", m.actorId, m.now, locked, input.idempotencyKey);
    if (!input.whole)
      await appendEvent(m.tx, loan.id, "SCHEDULE_RECOMPUTED", m.actorId, m.now, `${months} instalments left (${input.option ?? "LOWER_PAYMENT"})`);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { whole: input.whole, ...split, months } });
    return r;
  });
}
