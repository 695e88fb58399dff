import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { accountNumberFromSerial } from "../accounts";
import { assertPolicy, canWorkCounter } from "../accounts";
import { assertInReach } from "../accounts";
import { INTEREST_ACCOUNT_ID, accounts } from "../accounts";
import { type ReversalGuard, customerAccount, lockAccounts, nextAccountSerial, post } from "../accounts";
import { parseAmount } from "../accounts";
import type { TimeDepositOpenInput, TimeDepositWithdrawPartialInput, TimeDepositRedeemInput } from "./deposit.inputs";
import { timeDeposits } from "./deposit.table";
import { MIN_PRINCIPAL_FEN, TERMS, addMonths, businessDate } from "./interest";
import { demandInterest, lockDeposit, payOut } from "./payout.service";
import { rateOn } from "./rate.service";

export { payMaturedDeposits } from "./payout.service";

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;

export function openTimeDeposit(ctx: Context, input: TimeDepositOpenInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "time deposits (counter staff of customer service)");
  return runMutation(ctx, { action: "timeDeposit.open", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    if (!(TERMS as readonly number[]).includes(input.termMonths)) {
      throw new DomainError("TERM_NOT_OFFERED", `Time deposits are offered for ${TERMS.join(", ")} months.`, ["termMonths"]);
    }
    if (amount < MIN_PRINCIPAL_FEN) {
      throw new DomainError("AMOUNT_BELOW_MINIMUM", `A time deposit starts from ${yuan(MIN_PRINCIPAL_FEN)} (整存整取起存金额).`, ["amount"]);
    }
    const locked = await lockAccounts(m.tx, [input.linkedAccountId]);
    const linked = customerAccount(locked, input.linkedAccountId, "linkedAccountId");
    await assertInReach(m.tx, v, linked.customerId, "The account", ["linkedAccountId"]);
    // A Class III account is for small payments and holds no deposit products (PBOC 2016 No. 302).
    if (linked.accountClass === "III") {
      throw new DomainError("ACCOUNT_CLASS_NOT_ALLOWED", "A Class III account cannot hold time deposits; link a Class I or II account.", ["linkedAccountId"]);
    }
    const startDate = businessDate(m.now);
    const rate = await rateOn(m.tx, input.termMonths, startDate);
    if (rate === null) throw new DomainError("RATE_NOT_FOUND", `No rate is in force for ${input.termMonths} months on ${startDate}.`, ["termMonths"]);
    const [holding] = await m.tx
      .insert(accounts)
      .values({
        id: newId("acc"),
        number: accountNumberFromSerial(await nextAccountSerial(m.tx)),
        kind: "TIME_DEPOSIT",
        customerId: linked.customerId,
        currency: linked.currency,
        openedById: m.actorId,
        openedAt: m.now,
        lastActivityAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    locked.set(holding.id, holding);
    const posted = await post(
      m.tx,
      {
        kind: "TIME_DEPOSIT_OPEN",
        memo: `${input.termMonths}-month time deposit`,
        lines: [
          { accountId: linked.id, amount: -amount, field: "linkedAccountId" },
          { accountId: holding.id, amount },
        ],
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: true,
      },
      locked,
    );
    const [td] = await m.tx
      .insert(timeDeposits)
      .values({
        id: newId("tdp"),
        customerId: linked.customerId!,
        linkedAccountId: linked.id,
        holdingAccountId: holding.id,
        principal: amount,
        termMonths: input.termMonths,
        annualRateMicro: rate,
        startDate,
        maturityDate: addMonths(startDate, input.termMonths),
        autoRollover: input.autoRollover === true,
        openedById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({
      targetType: "TimeDeposit",
      targetId: td.id,
      summary: { linkedAccountId: linked.id, principal: amount, termMonths: td.termMonths, rate, autoRollover: td.autoRollover },
    });
    return { timeDeposit: td, entry: posted.entry, linkedAccount: posted.accounts.get(linked.id)! };
  });
}

export function redeemTimeDeposit(ctx: Context, input: TimeDepositRedeemInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "time deposits (counter staff of customer service)");
  return runMutation(ctx, { action: "timeDeposit.redeem", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!input.timeDepositId) throw badInput("timeDepositId is required.", ["timeDepositId"]);
    const [td] = await m.tx.select({ customerId: timeDeposits.customerId }).from(timeDeposits).where(eq(timeDeposits.id, input.timeDepositId));
    await assertInReach(m.tx, v, td?.customerId ?? null, "The time deposit", ["timeDepositId"]);
    const paid = await payOut(m.tx, input.timeDepositId, m.now, m.actorId);
    if (!paid) throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The time deposit has already been paid out.", ["timeDepositId"]);
    m.audit({
      targetType: "TimeDeposit",
      targetId: paid.timeDeposit.id,
      summary: { status: paid.timeDeposit.status, interest: paid.timeDeposit.interestPaid },
    });
    return paid;
  });
}

/**
 * One partial early withdrawal (部分提前支取) per deposit: the amount taken out earns the demand rate for
 * the days held and is paid to the linked account; the rest keeps its term, rate and maturity date and
 * must stay at least the smallest principal.
 */
export function partialWithdrawTimeDeposit(ctx: Context, input: TimeDepositWithdrawPartialInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "time deposits (counter staff of customer service)");
  return runMutation(ctx, { action: "timeDeposit.partialWithdraw", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    const [found] = await m.tx.select({ customerId: timeDeposits.customerId }).from(timeDeposits).where(eq(timeDeposits.id, input.timeDepositId));
    await assertInReach(m.tx, v, found?.customerId ?? null, "The time deposit", ["timeDepositId"]);
    const { td, locked } = await lockDeposit(m.tx, input.timeDepositId);
    if (td.status !== "OPEN") {
      throw new DomainError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `The time deposit is ${td.status}; only an open one can be partly withdrawn.`,
        ["timeDepositId"],
        {
          currentState: td.status,
        },
      );
    }
    const today = businessDate(m.now);
    if (today >= td.maturityDate)
      throw new DomainError("DEPOSIT_MATURED", "The deposit has matured; redeem it instead of a partial early withdrawal.", ["timeDepositId"]);
    if (td.partialAmount !== null) {
      throw new DomainError("PARTIAL_WITHDRAWAL_USED", "This deposit has already had its one partial early withdrawal; redeem the rest instead.", [
        "timeDepositId",
      ]);
    }
    if (amount >= td.principal || td.principal - amount < MIN_PRINCIPAL_FEN) {
      throw new DomainError(
        "REMAINDER_BELOW_MINIMUM",
        `A partial withdrawal must leave at least ${yuan(MIN_PRINCIPAL_FEN)} on deposit (principal ${yuan(td.principal)}); redeem the whole deposit instead.`,
        ["amount"],
      );
    }
    const interest = await demandInterest(m.tx, amount, td.startDate, today);
    const lines = [
      { accountId: td.holdingAccountId, amount: -amount },
      { accountId: td.linkedAccountId, amount: amount + interest, field: "timeDepositId" },
    ];
    if (interest > 0n) lines.push({ accountId: INTEREST_ACCOUNT_ID, amount: -interest, field: "timeDepositId" });
    const posted = await post(
      m.tx,
      {
        kind: "TIME_DEPOSIT_PARTIAL_WITHDRAWAL",
        memo: "time deposit partly withdrawn early",
        lines,
        createdById: m.actorId,
        idempotencyKey: input.idempotencyKey,
        now: m.now,
        counter: false,
      },
      locked,
    );
    const [updated] = await m.tx
      .update(timeDeposits)
      .set({ principal: td.principal - amount, partialAmount: amount, partialInterest: interest, partialAt: m.now, partialEntryId: posted.entry.id })
      .where(eq(timeDeposits.id, td.id))
      .returning();
    m.audit({ targetType: "TimeDeposit", targetId: td.id, summary: { partialAmount: amount, interest, before: { principal: td.principal } } });
    return { timeDeposit: updated, entry: posted.entry, linkedAccount: posted.accounts.get(td.linkedAccountId)! };
  });
}

/**
 * Reversal guard: no entry that moved a time deposit's holding account is reversed. While the deposit
 * is open its opening entry funds the holding account the payout draws on (reversing it would leave
 * the deposit open and unpayable); once paid out, the deposit is settled and its holding account closed.
 */
export const timeDepositReversalGuard: ReversalGuard = async (tx, _entry, accountIds) => {
  // A holding account carries every term of a deposit that rolled over: open if any of them is.
  const tds = await tx.select({ status: timeDeposits.status }).from(timeDeposits).where(inArray(timeDeposits.holdingAccountId, accountIds));
  if (tds.length === 0) return;
  if (tds.some((td) => td.status === "OPEN")) {
    throw new DomainError(
      "OPEN_TIME_DEPOSIT",
      "The entry moved money of a time deposit that is still open; redeem the deposit instead of reversing the entry.",
      ["entryId"],
    );
  }
  throw new DomainError("TIME_DEPOSIT_SETTLED", "The entry moved money of a time deposit that is already paid out; it cannot be reversed.", ["entryId"]);
};

/** Whether an open time deposit is linked to the account (an account with one cannot be closed). */
export async function hasOpenTimeDeposit(exec: Executor, accountId: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: timeDeposits.id })
    .from(timeDeposits)
    .where(and(eq(timeDeposits.linkedAccountId, accountId), eq(timeDeposits.status, "OPEN")))
    .limit(1);
  return !!row;
}

/** Closing an account refused while an open time deposit is linked to it. */
export async function refuseWithOpenTimeDeposit(exec: Executor, accountId: string): Promise<void> {
  if (await hasOpenTimeDeposit(exec, accountId)) {
    throw new DomainError("OPEN_TIME_DEPOSIT", "A time deposit linked to this account is still open; pay it out first.", ["accountId"]);
  }
}
