import type { Context } from "../../core/context";
import { DomainError } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertPolicy, canWorkCounter } from "../accounts";
import { lockAccountsInReach, primeEntryReads } from "../accounts";
import { LedgerError, customerAccount, post } from "../accounts";
import { hidden } from "../../shared/scope";
import { checkCurrency, parseAmount } from "../accounts";
import type { TransferInput } from "./deposit.inputs";

/**
 * Transfer between two accounts of this bank (行内转账): one entry, one debit and one credit, both
 * account rows locked in id order so that A→B and B→A at once queue instead of deadlocking. The debited
 * account's customer must be in the actor's reach; the credited account only has to exist and be open.
 */
export function transfer(ctx: Context, input: TransferInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "transfers (counter staff of customer service)");
  return runMutation(ctx, { action: "transfer", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    const memo = optionalText(input.memo, "memo", 200) ?? "";
    if (input.fromAccountId === input.toAccountId)
      throw new DomainError(LedgerError.SAME_ACCOUNT, "The source and target account are the same.", ["toAccountId"]);
    // One statement locks both rows (in id order) and tells whether each holder is in the actor's reach.
    const { locked, reach } = await lockAccountsInReach(m.tx, v, [input.fromAccountId, input.toAccountId]);
    const from = customerAccount(locked, input.fromAccountId, "fromAccountId");
    if (!reach.get(from.id)?.inReach) throw hidden("The account", ["fromAccountId"]);
    // The credited account needs only to exist and be open; nothing else about it is told to someone
    // who may not see it (no number in a refusal, no balance in the payload).
    const to = customerAccount(locked, input.toAccountId, "toAccountId");
    const toVisible = reach.get(to.id)?.inReach === true;
    if (to.status === "CLOSED") throw new DomainError(LedgerError.ACCOUNT_CLOSED, "The target account is closed and accepts no transfers.", ["toAccountId"]);
    checkCurrency(input.currency, from.currency);
    if (from.currency !== to.currency) throw new DomainError(LedgerError.CURRENCY_MISMATCH, "The accounts are kept in different currencies.", ["toAccountId"]);
    const posted = await post(
      m.tx,
      {
        kind: "TRANSFER",
        memo,
        lines: [
          { accountId: from.id, amount: -amount, field: "fromAccountId" },
          { accountId: to.id, amount, field: "toAccountId" },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: true,
      },
      locked,
    );
    m.audit({ targetType: "JournalEntry", targetId: posted.entry.id, summary: { from: from.id, to: to.id, amount } });
    // The payload's read checks (the entry, both accounts) are decided already: the holders and the scope on each.
    m.afterCommit(() =>
      primeEntryReads(ctx, posted.entry.id, [
        { customerId: from.customerId!, inScope: reach.get(from.id)!.inScope },
        { customerId: to.customerId!, inScope: reach.get(to.id)!.inScope },
      ]),
    );
    return { entry: posted.entry, fromAccount: posted.accounts.get(from.id)!, toAccount: toVisible ? posted.accounts.get(to.id)! : null };
  });
}
