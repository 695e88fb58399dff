import { and, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { AccountFreezeRequestInput, ApprovalDecisionInput } from "./account.inputs";
import { assertPolicy, canDecideFreeze, canRequestFreeze } from "./account.policy";
import { type FreezeActionName, type FreezeReasonName, FREEZE_REASONS, accounts, freezeRequests } from "./account.table";
import { assertInReach } from "./account.scope";
import { accountLifecycle } from "./account.service";
import { customerAccount, lockAccounts } from "./ledger";

/** The maker may never be the checker: a second pair of eyes is the point of the rule. */
/** A checker decides a maker-checker request only while it is pending, and never their own. */
export function isDecidableBy(req: { status: string; requestedById: string }, checkerId: string): boolean {
  return req.status === "PENDING" && req.requestedById !== checkerId;
}

/** The same rule as `isDecidableBy`, as the coded error a decision mutation reports. */
export function assertDecidable(req: { status: string; requestedById: string }, subject: string, checkerId: string): void {
  if (req.status !== "PENDING")
    throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `${subject} is already ${req.status}.`, ["requestId"], { currentState: req.status });
  if (req.requestedById === checkerId) {
    throw new DomainError(ErrorCode.MAKER_CHECKER, "The staff member who made the request cannot approve or reject it; a second staff member must decide.", [
      "requestId",
    ]);
  }
}

export function requestFreeze(ctx: Context, input: AccountFreezeRequestInput) {
  const v = requireViewer(ctx);
  assertPolicy(canRequestFreeze(v), "freeze requests (counter staff or risk officer)");
  return runMutation(ctx, { action: "account.freezeRequest", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!FREEZE_REASONS.includes(input.reason as FreezeReasonName)) throw badInput("Unknown reason.", ["reason"]);
    const note = optionalText(input.note, "note", 500) ?? "";
    if (input.reason === "OTHER" && note === "") throw badInput("Explain the reason in the note when it is OTHER.", ["note"]);
    // A judicial order is not an internal decision a checker could refuse: it has its own record.
    if (input.reason === "JUDICIAL" && input.action === "FREEZE") {
      throw new DomainError(
        "JUDICIAL_ORDER",
        "A judicial freeze is recorded from the authority's order with accountJudicialFreeze, not by an internal request.",
        ["reason"],
      );
    }
    const acc = customerAccount(await lockAccounts(m.tx, [input.accountId]), input.accountId, "accountId");
    await assertInReach(m.tx, v, acc.customerId, "The account", ["accountId"]);
    const action = input.action as FreezeActionName;
    // Refuse a request that could never be carried out, so the checker is not asked for nothing.
    accountLifecycle.assert(acc.status, action === "FREEZE" ? "FROZEN" : "ACTIVE");
    if (action === "UNFREEZE" && acc.status !== "FROZEN")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "Only a frozen account can be unfrozen.", ["accountId"]);
    const [pending] = await m.tx
      .select({ id: freezeRequests.id })
      .from(freezeRequests)
      .where(and(eq(freezeRequests.accountId, acc.id), eq(freezeRequests.status, "PENDING")));
    if (pending) throw new DomainError(ErrorCode.CONFLICT, "A freeze or unfreeze request for this account is already waiting for a checker.", ["accountId"]);
    const [request] = await m.tx
      .insert(freezeRequests)
      .values({ id: newId("afr"), accountId: acc.id, action, reason: input.reason as FreezeReasonName, note, requestedById: m.actorId, createdAt: m.now })
      .returning();
    m.audit({ targetType: "Account", targetId: acc.id, summary: { request: request.id, action, reason: input.reason } });
    return { request, account: acc };
  });
}

function decide(ctx: Context, input: ApprovalDecisionInput, approve: boolean) {
  const v = requireViewer(ctx);
  assertPolicy(canDecideFreeze(v), "deciding freeze requests (supervisor or risk officer)");
  return runMutation(ctx, { action: approve ? "account.freezeApprove" : "account.freezeReject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = optionalText(input.note, "note", 500);
    const [found] = await m.tx.select().from(freezeRequests).where(eq(freezeRequests.id, input.requestId));
    if (!found) throw notFound("The freeze request", ["requestId"]);
    // Account first, then the request: the same order as every other path that touches both.
    const acc = customerAccount(await lockAccounts(m.tx, [found.accountId]), found.accountId, "requestId");
    await assertInReach(m.tx, v, acc.customerId, "The freeze request", ["requestId"]);
    const [req] = await m.tx.select().from(freezeRequests).where(eq(freezeRequests.id, found.id)).for("update");
    assertDecidable(req, "The request", m.actorId);
    let account = acc;
    if (approve) {
      const to = req.action === "FREEZE" ? "FROZEN" : "ACTIVE";
      accountLifecycle.assert(acc.status, to);
      [account] = await m.tx
        .update(accounts)
        .set({ status: to, freezeReason: to === "FROZEN" ? req.reason : null, updatedAt: m.now })
        .where(eq(accounts.id, acc.id))
        .returning();
    }
    const [request] = await m.tx
      .update(freezeRequests)
      .set({ status: approve ? "APPROVED" : "REJECTED", decidedById: m.actorId, decidedAt: m.now })
      .where(eq(freezeRequests.id, req.id))
      .returning();
    m.audit({
      targetType: "Account",
      targetId: acc.id,
      summary: { request: req.id, action: req.action, decision: request.status, before: { status: acc.status }, after: { status: account.status }, note },
    });
    return { request, account };
  });
}

export const approveFreeze = (ctx: Context, input: ApprovalDecisionInput) => decide(ctx, input, true);
export const rejectFreeze = (ctx: Context, input: ApprovalDecisionInput) => decide(ctx, input, false);
