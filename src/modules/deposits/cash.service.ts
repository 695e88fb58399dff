import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Context } from "../../core/context";
import { notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { ApprovalDecisionInput } from "../accounts";
import { assertPolicy, canApproveLargeCash, canWorkCounter } from "../accounts";
import { type AccountRow, CASH_ACCOUNT_ID, type JournalEntryRow } from "../accounts";
import { assertInReach } from "../accounts";
import { assertDecidable } from "../accounts";
import { customerAccount, lockAccounts, post, precheckDebit } from "../accounts";
import { checkCurrency, parseAmount } from "../accounts";
import type { CashDepositInput, CashWithdrawInput } from "./deposit.inputs";
import { type LargeTransactionRow, largeTransactions, withdrawalApprovals } from "./deposit.table";

async function recordLarge(
  tx: Tx,
  ctx: Context,
  entry: JournalEntryRow,
  account: AccountRow,
  kind: "CASH_DEPOSIT" | "CASH_WITHDRAWAL",
  amount: bigint,
  handledById: string,
  approvedById: string | null,
  now: Date,
): Promise<LargeTransactionRow | null> {
  const threshold = ctx.config.largeCashThresholdFen;
  if (amount < threshold) return null;
  const [row] = await tx
    .insert(largeTransactions)
    .values({
      id: newId("ltx"),
      entryId: entry.id,
      accountId: account.id,
      customerId: account.customerId,
      kind,
      amount,
      thresholdAmount: threshold,
      handledById,
      approvedById,
      createdAt: now,
    })
    .returning();
  return row;
}

export function cashDeposit(ctx: Context, input: CashDepositInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "cash deposits (counter staff of customer service)");
  return runMutation(ctx, { action: "cash.deposit", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    const memo = optionalText(input.memo, "memo", 200) ?? "";
    const locked = await lockAccounts(m.tx, [CASH_ACCOUNT_ID, input.accountId]);
    const acc = customerAccount(locked, input.accountId, "accountId");
    await assertInReach(m.tx, v, acc.customerId, "The account", ["accountId"]);
    checkCurrency(input.currency, acc.currency);
    const posted = await post(
      m.tx,
      {
        kind: "CASH_DEPOSIT",
        memo,
        lines: [
          { accountId: CASH_ACCOUNT_ID, amount: -amount },
          { accountId: acc.id, amount, field: "accountId" },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: true,
      },
      locked,
    );
    const account = posted.accounts.get(acc.id)!;
    const largeTransaction = await recordLarge(m.tx, ctx, posted.entry, account, "CASH_DEPOSIT", amount, m.actorId, null, m.now);
    m.audit({ targetType: "Account", targetId: acc.id, summary: { entry: posted.entry.id, amount, large: !!largeTransaction } });
    return { entry: posted.entry, account, approval: null, largeTransaction };
  });
}

export function cashWithdraw(ctx: Context, input: CashWithdrawInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "cash withdrawals (counter staff of customer service)");
  return runMutation(ctx, { action: "cash.withdraw", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    const memo = optionalText(input.memo, "memo", 200) ?? "";
    const locked = await lockAccounts(m.tx, [CASH_ACCOUNT_ID, input.accountId]);
    const acc = customerAccount(locked, input.accountId, "accountId");
    await assertInReach(m.tx, v, acc.customerId, "The account", ["accountId"]);
    checkCurrency(input.currency, acc.currency);
    if (amount >= ctx.config.largeCashThresholdFen) {
      await precheckDebit(m.tx, acc, amount, "CASH_WITHDRAWAL", m.now, "accountId");
      const [approval] = await m.tx
        .insert(withdrawalApprovals)
        .values({ id: newId("wda"), accountId: acc.id, amount, note: memo, requestedById: m.actorId, createdAt: m.now })
        .returning();
      m.audit({ targetType: "Account", targetId: acc.id, summary: { approval: approval.id, amount, large: true } });
      return { entry: null, account: acc, approval, largeTransaction: null };
    }
    const posted = await post(
      m.tx,
      {
        kind: "CASH_WITHDRAWAL",
        memo,
        lines: [
          { accountId: acc.id, amount: -amount, field: "accountId" },
          { accountId: CASH_ACCOUNT_ID, amount },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: true,
      },
      locked,
    );
    m.audit({ targetType: "Account", targetId: acc.id, summary: { entry: posted.entry.id, amount } });
    return { entry: posted.entry, account: posted.accounts.get(acc.id)!, approval: null, largeTransaction: null };
  });
}

function decide(ctx: Context, input: ApprovalDecisionInput, approve: boolean) {
  const v = requireViewer(ctx);
  assertPolicy(canApproveLargeCash(v), "approving large cash withdrawals (manager or supervisor of customer service)");
  return runMutation(ctx, { action: approve ? "cash.withdrawApprove" : "cash.withdrawReject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = optionalText(input.note, "note", 500);
    const [found] = await m.tx.select().from(withdrawalApprovals).where(eq(withdrawalApprovals.id, input.requestId));
    if (!found) throw notFound("The withdrawal approval", ["requestId"]);
    // Accounts first (in id order), then the request row: the lock order of every money path.
    const locked = await lockAccounts(m.tx, [CASH_ACCOUNT_ID, found.accountId]);
    const [req] = await m.tx.select().from(withdrawalApprovals).where(eq(withdrawalApprovals.id, found.id)).for("update");
    const acc = customerAccount(locked, req.accountId, "requestId");
    await assertInReach(m.tx, v, acc.customerId, "The withdrawal approval", ["requestId"]);
    assertDecidable(req, "The withdrawal", m.actorId);
    let entry: JournalEntryRow | null = null;
    let account = acc;
    let largeTransaction: LargeTransactionRow | null = null;
    if (approve) {
      const posted = await post(
        m.tx,
        {
          kind: "CASH_WITHDRAWAL",
          memo: req.note,
          lines: [
            { accountId: acc.id, amount: -req.amount, field: "requestId" },
            { accountId: CASH_ACCOUNT_ID, amount: req.amount },
          ],
          createdById: req.requestedById,
          approvedById: m.actorId,
          now: m.now,
          counter: true,
        },
        locked,
      );
      entry = posted.entry;
      account = posted.accounts.get(acc.id)!;
      largeTransaction = await recordLarge(m.tx, ctx, entry, account, "CASH_WITHDRAWAL", req.amount, req.requestedById, m.actorId, m.now);
    }
    const [approval] = await m.tx
      .update(withdrawalApprovals)
      .set({ status: approve ? "APPROVED" : "REJECTED", decidedById: m.actorId, decidedAt: m.now, entryId: entry?.id ?? null })
      .where(eq(withdrawalApprovals.id, req.id))
      .returning();
    m.audit({ targetType: "Account", targetId: acc.id, summary: { approval: req.id, decision: approval.status, amount: req.amount, note } });
    return { entry, account, approval, largeTransaction };
  });
}

export const approveWithdrawal = (ctx: Context, input: ApprovalDecisionInput) => decide(ctx, input, true);
export const rejectWithdrawal = (ctx: Context, input: ApprovalDecisionInput) => decide(ctx, input, false);
