import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { requireCertification } from "../../core/certification";
import { DomainError, ErrorCode, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { accounts, assertInReach, assertPolicy, customerAccount, lockAccounts, parseAmount, post } from "../accounts";
import { customers } from "../customers";
import { appendEvent, assertWithinProduct, loanForChange, productOf, rateInForce, requireNote, updateLoan } from "./loan.core";
import type { LoanApplyInput, LoanApproveInput, LoanStepInput } from "./loan.inputs";
import { canApproveLoans, canRejectLoans, canReviewLoans, canTakeApplications, canWorkLoans } from "./loan.policy";
import { loanMachine } from "./loan.states";
import { LOANS_RECEIVABLE_ACCOUNT_ID, loans } from "./loan.table";
import { writeSchedule } from "./repayment.core";
import { type RepaymentMethodName, buildSchedule, businessDay, formatRate, parseRatePercent, plusMonths } from "./schedule";

/** Takes a loan application (贷款申请) for a verified customer in reach, to be paid into one of their accounts. */
export function applyForLoan(ctx: Context, input: LoanApplyInput) {
  const v = requireViewer(ctx);
  assertPolicy(canTakeApplications(v), "loan applications (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.apply", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const purpose = requireNote(input.purpose, "The purpose", "purpose");
    const amount = parseAmount(input.amount, "amount");
    const product = await productOf(m.tx, input.productId);
    await assertInReach(m.tx, v, input.customerId || null, "The customer", ["customerId"]);
    const [customer] = await m.tx.select({ verifiedAt: customers.identityVerifiedAt }).from(customers).where(eq(customers.id, input.customerId));
    if (!customer.verifiedAt)
      throw new DomainError("IDENTITY_NOT_VERIFIED", "Verify the customer's identity before taking a loan application.", ["customerId"]);
    const [account] = input.accountId ? await m.tx.select().from(accounts).where(eq(accounts.id, input.accountId)) : [];
    if (!account || account.kind !== "CUSTOMER" || account.customerId !== input.customerId) throw notFound("The account", ["accountId"]);
    if (account.status === "CLOSED") throw new DomainError("ACCOUNT_CLOSED", "The account is closed.", ["accountId"]);
    assertWithinProduct(product, amount, input.termMonths);
    if (!product.methods.includes(input.method)) {
      throw new DomainError("METHOD_NOT_OFFERED", `${product.name} is repaid by ${product.methods.join(" or ")}.`, ["method"]);
    }
    const today = businessDay(m.now);
    if ((await rateInForce(m.tx, product.id, today)) === null) {
      throw new DomainError("RATE_NOT_IN_FORCE", `${product.name} has no rate in force on ${today}.`, ["productId"]);
    }
    const [loan] = await m.tx
      .insert(loans)
      .values({
        id: newId("lna"),
        productId: product.id,
        customerId: input.customerId,
        accountId: account.id,
        departmentId: v.departmentId,
        method: input.method as RepaymentMethodName,
        requestedAmount: amount,
        requestedTermMonths: input.termMonths,
        purpose,
        appliedById: m.actorId,
        createdAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    await appendEvent(m.tx, loan.id, "APPLIED", m.actorId, m.now, `${product.name}, ${input.termMonths} months`);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { productId: product.id, amount, termMonths: input.termMonths, method: input.method } });
    return { loan };
  });
}

/** Review (贷款审查): the reviewer records findings (→ REVIEWED) or asks for more material (→ MATERIAL_REQUESTED). */
export function reviewLoan(ctx: Context, input: LoanStepInput, outcome: "REVIEWED" | "MATERIAL_REQUESTED") {
  const v = requireViewer(ctx);
  assertPolicy(canReviewLoans(v), "loan review (team manager or risk officer)");
  const action = outcome === "REVIEWED" ? "loan.review" : "loan.requestMaterial";
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    loanMachine.assert(loan.status, outcome);
    const note = requireNote(input.note, outcome === "REVIEWED" ? "The findings" : "The material request");
    const set = outcome === "REVIEWED" ? { reviewFindings: note } : { materialRequest: note };
    const updated = await updateLoan(m.tx, loan.id, { status: outcome, reviewedById: m.actorId, reviewedAt: m.now, ...set }, m.now);
    await appendEvent(m.tx, loan.id, outcome, m.actorId, m.now, note);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { from: loan.status, to: outcome } });
    return { loan: updated };
  });
}

/** The counter hands in the material the reviewer asked for; the application goes back to review. */
export function supplyMaterial(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "loan material (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.supplyMaterial", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    loanMachine.assert(loan.status, "APPLIED");
    const note = requireNote(input.note, "The note on the material");
    const updated = await updateLoan(m.tx, loan.id, { status: "APPLIED" }, m.now);
    await appendEvent(m.tx, loan.id, "MATERIAL_SUPPLIED", m.actorId, m.now, note);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { from: loan.status, to: "APPLIED" } });
    return { loan: updated };
  });
}

/**
 * Approval (贷款审批): never by the reviewer (maker-checker), by someone holding a valid loan-approval
 * certification once a module answers the certification policy; the rate must be the product's rate in force.
 */
export function approveLoan(ctx: Context, input: LoanApproveInput) {
  const v = requireViewer(ctx);
  assertPolicy(canApproveLoans(v), "loan approval (supervisor)");
  return runMutation(ctx, { action: "loan.approve", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    loanMachine.assert(loan.status, "APPROVED");
    if (loan.reviewedById === m.actorId) {
      throw new DomainError(ErrorCode.MAKER_CHECKER, "You reviewed this loan; its approval needs someone else.", ["loanId"]);
    }
    await requireCertification(m.tx, m.actorId, "LOAN_APPROVAL", m.now, ["loanId"]);
    const product = await productOf(m.tx, loan.productId, "loanId");
    const amount = input.amount == null ? loan.requestedAmount : parseAmount(input.amount, "amount");
    const termMonths = input.termMonths ?? loan.requestedTermMonths;
    assertWithinProduct(product, amount, termMonths);
    const today = businessDay(m.now);
    const inForce = await rateInForce(m.tx, product.id, today);
    let rate = inForce;
    if (input.annualRatePercent != null) {
      rate = parseRatePercent(input.annualRatePercent);
      if (rate === null)
        throw new DomainError("BAD_USER_INPUT", 'annualRatePercent must be a percent such as "4.9" (at most four decimals).', ["annualRatePercent"]);
    }
    if (inForce === null || rate !== inForce) {
      const known = inForce === null ? "none" : `${formatRate(inForce)}%`;
      throw new DomainError("RATE_NOT_IN_FORCE", `The rate is not ${product.name}'s rate in force on ${today} (${known}).`, ["annualRatePercent"]);
    }
    const updated = await updateLoan(
      m.tx,
      loan.id,
      { status: "APPROVED", approvedById: m.actorId, approvedAt: m.now, amount, termMonths, annualRateMicro: rate, penaltyRateMicro: product.penaltyRateMicro },
      m.now,
    );
    await appendEvent(m.tx, loan.id, "APPROVED", m.actorId, m.now, `${termMonths} months at ${formatRate(rate)}%`);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { amount, termMonths, rate } });
    return { loan: updated };
  });
}

/** Rejection (拒绝) with a reason, by a reviewer or approver, before approval. */
export function rejectLoan(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRejectLoans(v), "loan rejection (reviewer or approver)");
  return runMutation(ctx, { action: "loan.reject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    loanMachine.assert(loan.status, "REJECTED");
    const reason = requireNote(input.note, "The reason");
    const updated = await updateLoan(m.tx, loan.id, { status: "REJECTED", rejectedById: m.actorId, rejectionReason: reason, closedAt: m.now }, m.now);
    await appendEvent(m.tx, loan.id, "REJECTED", m.actorId, m.now, reason);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { from: loan.status, to: "REJECTED" } });
    return { loan: updated };
  });
}

/** The customer signs the loan contract (签订合同); it gets its contract number. */
export function signContract(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "loan contracts (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.signContract", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    loanMachine.assert(loan.status, "CONTRACT_SIGNED");
    const contractNumber = `LN${businessDay(m.now).replaceAll("-", "")}${loan.id.slice(-10)}`;
    const updated = await updateLoan(m.tx, loan.id, { status: "CONTRACT_SIGNED", contractNumber, signedAt: m.now }, m.now);
    await appendEvent(m.tx, loan.id, "CONTRACT_SIGNED", m.actorId, m.now, contractNumber);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { contractNumber } });
    return { loan: updated };
  });
}

/**
 * Disbursement (放款): one journal entry from the bank's loans account to the customer's account, and
 * the schedule from today's business date. The loan row is locked first, so a second disbursement (also
 * in parallel) finds it disbursed and is refused; the unique disbursement entry backs this up.
 */
export function disburseLoan(ctx: Context, input: LoanStepInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "loan disbursement (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.disburse", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    if (loan.disbursementEntryId) throw new DomainError("ALREADY_DISBURSED", "The loan has already been disbursed.", ["loanId"]);
    loanMachine.assert(loan.status, "DISBURSED");
    const amount = loan.amount!;
    const locked = await lockAccounts(m.tx, [LOANS_RECEIVABLE_ACCOUNT_ID, loan.accountId]);
    const account = customerAccount(locked, loan.accountId, "loanId");
    const posted = await post(
      m.tx,
      {
        kind: "LOAN_DISBURSEMENT",
        memo: `Loan ${loan.contractNumber}`,
        lines: [
          { accountId: LOANS_RECEIVABLE_ACCOUNT_ID, amount: -amount },
          { accountId: account.id, amount, field: "loanId" },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: false,
      },
      locked,
    );
    const valueDate = businessDay(m.now);
    const schedule = buildSchedule(loan.method, amount, loan.annualRateMicro!, loan.termMonths!);
    await writeSchedule(m.tx, loan.id, valueDate, 1, schedule);
    const updated = await updateLoan(
      m.tx,
      loan.id,
      { status: "DISBURSED", disbursedAt: m.now, valueDate, disbursementEntryId: posted.entry.id, principalOutstanding: amount },
      m.now,
    );
    await appendEvent(m.tx, loan.id, "DISBURSED", m.actorId, m.now, `${schedule.length} monthly instalments from ${plusMonths(valueDate, 1)}`);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { amount, entryId: posted.entry.id } });
    return { loan: updated, entry: posted.entry, account: posted.accounts.get(account.id)! };
  });
}
