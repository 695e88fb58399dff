import { and, eq, lt, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy } from "../accounts";
import { complaints, inScope } from "../complaints";
import { appendEvent, assertStatus, loanForChange, requireNote, updateLoan } from "./loan.core";
import type { LoanClassifyInput, LoanComplaintLinkInput } from "./loan.inputs";
import { canClassifyLoans, canWorkLoans } from "./loan.policy";
import { LIVE_STATES, categoryFloor, categoryRank } from "./loan.states";
import { type LoanCategoryName, type LoanRow, loanCategoryChanges, loanComplaintLinks, loanInstalments } from "./loan.table";
import { businessDay, daysFrom } from "./schedule";
import type { Executor } from "../../db/client";

/** Days the loan's oldest unpaid instalment is past its due date (0 when none is). */
export async function daysOverdue(exec: Executor, loanId: string, today: string): Promise<number> {
  const [row] = await exec
    .select({ oldest: sql<string | null>`min(${loanInstalments.dueDate})::text` })
    .from(loanInstalments)
    .where(and(eq(loanInstalments.loanId, loanId), eq(loanInstalments.status, "SCHEDULED"), lt(loanInstalments.dueDate, today)));
  return row?.oldest ? daysFrom(row.oldest, today) : 0;
}

export function floorOf(loan: LoanRow, days: number, today: string): LoanCategoryName {
  return categoryFloor(days, !!loan.observationUntil && loan.observationUntil >= today);
}

/**
 * A reviewer's classification (分类认定) by a risk officer: a downgrade at any time, an upgrade only as
 * far as the floor by days overdue (never better); the reviewer and the reason are recorded.
 */
export function classifyLoan(ctx: Context, input: LoanClassifyInput) {
  const v = requireViewer(ctx);
  assertPolicy(canClassifyLoans(v), "loan classification (risk officer)");
  return runMutation(ctx, { action: "loan.classify", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    assertStatus(loan, LIVE_STATES, "a classification");
    const reason = requireNote(input.reason, "The reason", "reason");
    const to = input.category as LoanCategoryName;
    if (to === loan.category) throw new DomainError("NO_CHANGE", `The loan is already ${to}.`, ["category"]);
    const today = businessDay(m.now);
    const days = await daysOverdue(m.tx, loan.id, today);
    const floor = floorOf(loan, days, today);
    if (categoryRank(to) < categoryRank(floor)) {
      throw new DomainError("BELOW_FLOOR", `With ${days} days overdue the loan is at least ${floor}.`, ["category"], { floor });
    }
    await m.tx.insert(loanCategoryChanges).values({
      id: newId("lcc"),
      loanId: loan.id,
      fromCategory: loan.category,
      toCategory: to,
      reason,
      daysOverdue: days,
      decidedById: m.actorId,
      at: m.now,
    });
    const updated = await updateLoan(m.tx, loan.id, { category: to }, m.now);
    await appendEvent(m.tx, loan.id, "CLASSIFIED", m.actorId, m.now, `${loan.category} → ${to}: ${reason}`);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { from: loan.category, to, daysOverdue: days } });
    return { loan: updated };
  });
}

/** A complaint names a loan of the same customer (both in the actor's scope). */
export function linkComplaint(ctx: Context, input: LoanComplaintLinkInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkLoans(v), "linking complaints to loans (counter staff of customer service)");
  return runMutation(ctx, { action: "loan.linkComplaint", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const loan = await loanForChange(m.tx, v, input.loanId);
    // Read inside the transaction: on embedded PostgreSQL a read beside it would wait for it.
    const [complaint] = input.complaintId ? await m.tx.select().from(complaints).where(eq(complaints.id, input.complaintId)) : [];
    if (!complaint || !inScope(v, complaint)) throw notFound("The complaint", ["complaintId"]);
    if (complaint.customerId !== loan.customerId) {
      throw new DomainError("CUSTOMER_MISMATCH", "The complaint is from another customer than the loan's.", ["complaintId"]);
    }
    const inserted = await m.tx
      .insert(loanComplaintLinks)
      .values({ loanId: loan.id, complaintId: complaint.id, linkedById: m.actorId, at: m.now })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new DomainError("DUPLICATE", "The complaint already names this loan.", ["complaintId"]);
    await appendEvent(m.tx, loan.id, "COMPLAINT_LINKED", m.actorId, m.now, complaint.reference);
    m.audit({ targetType: "Loan", targetId: loan.id, summary: { complaintId: complaint.id } });
    return { loan };
  });
}
