import { eq } from "drizzle-orm";
import { accessRule, decide } from "../../core/access";
import type { Context } from "../../core/context";
import type { Tx } from "../../db/client";
import { visibleOr404 } from "../../shared/scope";
import { DomainError, ErrorCode } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy, lockAccounts, post } from "../accounts";
import { appendEvent, requireNote, updateLoan } from "./loan.core";
import type { LoanStepInput } from "./loan.inputs";
import { canApproveWriteOff, canRequestWriteOff } from "./loan.policy";
import { loanMachine } from "./loan.states";
import { LOAN_WRITE_OFF_ACCOUNT_ID, LOANS_RECEIVABLE_ACCOUNT_ID, type LoanRow, loans } from "./loan.table";

/**
 * The loan, locked, if the actor may read it: write-offs are decided by risk, supervisors and finance over
 * the whole book (the Loan read rule), not only by staff who serve the customer.
 */
async function loanInBook(ctx: Context, tx: Tx, loanId: string): Promise<LoanRow> {
  const [row] = loanId ? await tx.select().from(loans).where(eq(loans.id, loanId)).for("update") : [];
  return visibleOr404(row, (r) => decide(ctx, accessRule("Loan")!, r), "The loan", ["loanId"]);
}

/**
 * Write-off (核销), maker-checker: a risk officer proposes it with the reason; a supervisor or finance
 * approver other than the proposer approves. Approval moves the outstanding principal from the loans
 * receivable to the write-off (loss) account in one journal entry and closes the loan; unpaid interest
 * and penalty are not booked as income and so have nothing to write off.
 */
export function requestWriteOff(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRequestWriteOff(v), "proposing loan write-offs (risk officer)");
  return runMutation(ctx, { action: "loan.writeOffRequest", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanInBook(ctx, m.tx, input.loanId);
    loanMachine.assert(loan.status, "WRITTEN_OFF");
    if (loan.writeOffRequestedById) throw new DomainError(ErrorCode.CONFLICT, "A write-off of this loan is already awaiting approval.", ["loanId"]);
    const reason = requireNote(input.note, "The write-off reason");
    const updated = await updateLoan(m.tx, loan.id, { writeOffRequestedById: m.actorId, writeOffReason: reason }, m.now);
    await appendEvent(m.tx, loan.id, "WRITE_OFF_REQUESTED", m.actorId, m.now, reason);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { writeOffRequested: true, outstanding: loan.principalOutstanding } });
    return { loan: updated };
  });
}

export function approveWriteOff(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canApproveWriteOff(v), "approving loan write-offs (supervisor or finance approver)");
  return runMutation(ctx, { action: "loan.writeOffApprove", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanInBook(ctx, m.tx, input.loanId);
    loanMachine.assert(loan.status, "WRITTEN_OFF");
    if (!loan.writeOffRequestedById) throw new DomainError("WRITE_OFF_NOT_REQUESTED", "No write-off of this loan has been proposed.", ["loanId"]);
    if (loan.writeOffRequestedById === m.actorId) {
      throw new DomainError(ErrorCode.MAKER_CHECKER, "The write-off must be approved by someone other than its proposer.", ["loanId"]);
    }
    const outstanding = loan.principalOutstanding;
    const locked = await lockAccounts(m.tx, [LOANS_RECEIVABLE_ACCOUNT_ID, LOAN_WRITE_OFF_ACCOUNT_ID]);
    const posted =
      outstanding > 0n
        ? await post(
            m.tx,
            {
              kind: "LOAN_WRITE_OFF",
              memo: `Write-off of loan ${loan.contractNumber}`,
              lines: [
                { accountId: LOANS_RECEIVABLE_ACCOUNT_ID, amount: outstanding },
                { accountId: LOAN_WRITE_OFF_ACCOUNT_ID, amount: -outstanding },
              ],
              createdById: loan.writeOffRequestedById,
              approvedById: m.actorId,
              idempotencyKey: input.idempotencyKey,
              now: m.now,
              counter: false,
            },
            locked,
          )
        : null;
    const updated = await updateLoan(m.tx, loan.id, { status: "WRITTEN_OFF", writtenOffById: m.actorId, principalOutstanding: 0n, closedAt: m.now }, m.now);
    await appendEvent(m.tx, loan.id, "WRITTEN_OFF", m.actorId, m.now, input.note ?? "");
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { writtenOff: outstanding, entryId: posted?.entry.id ?? null } });
    return { loan: updated, entry: posted?.entry ?? null };
  });
}
