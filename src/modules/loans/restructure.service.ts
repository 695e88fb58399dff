import type { Context } from "../../core/context";
import { DomainError } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy } from "../accounts";
import { daysOverdue } from "./classification.service";
import { appendEvent, assertStatus, loanForChange, requireNote, updateLoan } from "./loan.core";
import type { LoanRestructureInput } from "./restructure.resolver";
import { canApproveLoans } from "./loan.policy";
import { LIVE_STATES, categoryRank } from "./loan.states";
import { loanCategoryChanges } from "./loan.table";
import { accruePenalties, cancelInstalments, futureInstalments, writeSchedule } from "./repayment.core";
import { buildSchedule, businessDay, plusMonths } from "./schedule";

/** The observation period (观察期) of a restructured loan: at least one year under the 2023 classification rules. */
export const OBSERVATION_MONTHS = 12;

/**
 * Restructuring (贷款重组) of a loan in difficulty, by the approver (supervisor): the principal not yet due is
 * spread over a new number of months at the loan's rate; instalments already due stay due (and keep accruing
 * penalty). The loan enters a 12-month observation period during which it is classified at least 次级
 * (SUBSTANDARD); the change of category is recorded with its reason at once.
 */
export function restructureLoan(ctx: Context, input: LoanRestructureInput) {
  const v = requireViewer(ctx);
  assertPolicy(canApproveLoans(v), "loan restructuring (supervisor)");
  return runMutation(ctx, { action: "loan.restructure", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    assertStatus(loan, LIVE_STATES, "a restructuring");
    const reason = requireNote(input.reason, "The reason", "reason");
    if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 360) {
      throw new DomainError("BAD_USER_INPUT", "termMonths must be a whole number of months from 1 to 360.", ["termMonths"]);
    }
    const today = businessDay(m.now);
    await accruePenalties(m.tx, today, loan.id);
    const future = await futureInstalments(m.tx, loan.id, today);
    if (future.length === 0) throw new DomainError("NOTHING_AHEAD", "No instalment is left ahead of today to reschedule.", ["loanId"]);
    const principal = future.reduce((s, i) => s + i.principalDue - i.principalPaid, 0n);
    await cancelInstalments(m.tx, future);
    await writeSchedule(m.tx, loan.id, loan.valueDate!, future[0].period, buildSchedule(loan.method, principal, loan.annualRateMicro!, input.termMonths));
    const observationUntil = plusMonths(today, OBSERVATION_MONTHS);
    const category = categoryRank(loan.category) < categoryRank("SUBSTANDARD") ? "SUBSTANDARD" : loan.category;
    if (category !== loan.category) {
      await m.tx.insert(loanCategoryChanges).values({
        id: newId("lcc"),
        loanId: loan.id,
        fromCategory: loan.category,
        toCategory: category,
        reason: `Restructured: at least SUBSTANDARD until ${observationUntil}`,
        daysOverdue: await daysOverdue(m.tx, loan.id, today),
        decidedById: m.actorId,
        at: m.now,
      });
    }
    const updated = await updateLoan(m.tx, loan.id, { observationUntil, category }, m.now);
    await appendEvent(
      m.tx,
      loan.id,
      "RESTRUCTURED",
      m.actorId,
      m.now,
      `${principal} fen over ${input.termMonths} months; observation until ${observationUntil}: ${reason}`,
    );
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { principal, termMonths: input.termMonths, observationUntil, category } });
    return { loan: updated };
  });
}
