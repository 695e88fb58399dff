import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import type { AppServices } from "../../core/services";
import type { Context } from "../../core/context";
import { writeAudit } from "../../shared/audit/audit";
import { type JobLog, eachInTransaction } from "../../shared/job-rows";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { accountNumberFromSerial } from "../accounts";
import { assertPolicy, canWorkCounter } from "../accounts";
import { assertInReach } from "../accounts";
import { type JournalEntryRow, INTEREST_ACCOUNT_ID, accounts } from "../accounts";
import { type ReversalGuard, customerAccount, lockAccounts, nextAccountSerial, post } from "../accounts";
import { parseAmount } from "../accounts";
import type { TimeDepositOpenInput, TimeDepositRedeemInput } from "./deposit.inputs";
import { type TimeDepositRow, depositRates, timeDeposits } from "./deposit.table";
import { TERMS, addMonths, businessDate, daysBetween, interestFen } from "./interest";

/** The rate for a term in force on a business date: the latest one whose effective date is not after it. */
export async function rateOn(exec: Executor, termMonths: number, date: string): Promise<number | null> {
  const [row] = await exec
    .select({ rate: depositRates.annualRateMicro })
    .from(depositRates)
    .where(and(eq(depositRates.termMonths, termMonths), lte(depositRates.effectiveFrom, date)))
    .orderBy(desc(depositRates.effectiveFrom))
    .limit(1);
  return row?.rate ?? null;
}

export function interestAtMaturity(td: Pick<TimeDepositRow, "principal" | "annualRateMicro" | "startDate" | "maturityDate">): bigint {
  return interestFen(td.principal, td.annualRateMicro, daysBetween(td.startDate, td.maturityDate));
}

export function openTimeDeposit(ctx: Context, input: TimeDepositOpenInput) {
  const v = requireViewer(ctx);
  assertPolicy(canWorkCounter(v), "time deposits (counter staff of customer service)");
  return runMutation(ctx, { action: "timeDeposit.open", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const amount = parseAmount(input.amount, "amount");
    if (!(TERMS as readonly number[]).includes(input.termMonths)) {
      throw new DomainError("TERM_NOT_OFFERED", `Time deposits are offered for ${TERMS.join(", ")} months.`, ["termMonths"]);
    }
    const locked = await lockAccounts(m.tx, [input.linkedAccountId]);
    const linked = customerAccount(locked, input.linkedAccountId, "linkedAccountId");
    await assertInReach(m.tx, v, linked.customerId, "The account", ["linkedAccountId"]);
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
        openedById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "TimeDeposit", targetId: td.id, summary: { linkedAccountId: linked.id, principal: amount, termMonths: td.termMonths, rate } });
    return { timeDeposit: td, entry: posted.entry, linkedAccount: posted.accounts.get(linked.id)! };
  });
}

export interface Payout {
  timeDeposit: TimeDepositRow;
  entry: JournalEntryRow;
  linkedAccount: typeof accounts.$inferSelect;
}

/**
 * Pays a time deposit out to its linked account: at or after maturity with the term rate over the
 * term's days, before it at the demand rate in force that day over the days held. Returns null when
 * the deposit is no longer open (another payout won the race), so the job and the mutation can both
 * run without paying twice.
 */
export async function payOut(tx: Tx, timeDepositId: string, now: Date, actorId: string | null): Promise<Payout | null> {
  const [found] = await tx.select().from(timeDeposits).where(eq(timeDeposits.id, timeDepositId));
  if (!found) throw notFound("The time deposit", ["timeDepositId"]);
  const locked = await lockAccounts(tx, [INTEREST_ACCOUNT_ID, found.holdingAccountId, found.linkedAccountId]);
  const [td] = await tx.select().from(timeDeposits).where(eq(timeDeposits.id, found.id)).for("update");
  if (td.status !== "OPEN") return null;
  const today = businessDate(now);
  const matured = today >= td.maturityDate;
  let interest: bigint;
  if (matured) {
    interest = interestAtMaturity(td);
  } else {
    const demand = (await rateOn(tx, 0, today)) ?? 0;
    interest = interestFen(td.principal, demand, daysBetween(td.startDate, today));
  }
  const lines = [
    { accountId: td.holdingAccountId, amount: -td.principal },
    { accountId: td.linkedAccountId, amount: td.principal + interest },
  ];
  if (interest > 0n) lines.push({ accountId: INTEREST_ACCOUNT_ID, amount: -interest });
  const posted = await post(
    tx,
    { kind: "TIME_DEPOSIT_PAYOUT", memo: matured ? "time deposit matured" : "time deposit withdrawn early", lines, createdById: actorId, now, counter: false },
    locked,
  );
  await tx.update(accounts).set({ status: "CLOSED", closedAt: now, updatedAt: now }).where(eq(accounts.id, td.holdingAccountId));
  const [updated] = await tx
    .update(timeDeposits)
    .set({ status: matured ? "MATURED" : "WITHDRAWN_EARLY", interestPaid: interest, payoutEntryId: posted.entry.id, closedAt: now })
    .where(eq(timeDeposits.id, td.id))
    .returning();
  return { timeDeposit: updated, entry: posted.entry, linkedAccount: posted.accounts.get(td.linkedAccountId)! };
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
 * Reversal guard: no entry that moved a time deposit's holding account is reversed. While the deposit
 * is open its opening entry funds the holding account the payout draws on (reversing it would leave
 * the deposit open and unpayable); once paid out, the deposit is settled and its holding account closed.
 */
export const timeDepositReversalGuard: ReversalGuard = async (tx, _entry, accountIds) => {
  const [td] = await tx.select({ status: timeDeposits.status }).from(timeDeposits).where(inArray(timeDeposits.holdingAccountId, accountIds)).limit(1);
  if (!td) return;
  if (td.status === "OPEN") {
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

/**
 * The maturity job: pays out every open deposit whose maturity date has come, one transaction each; a
 * deposit that cannot be paid (its linked account closed, say) is logged by id and code and left for
 * the next run, and the others are paid.
 */
export async function payMaturedDeposits(services: Pick<AppServices, "database" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const due = await services.database.db
    .select({ id: timeDeposits.id })
    .from(timeDeposits)
    .where(and(eq(timeDeposits.status, "OPEN"), lte(timeDeposits.maturityDate, businessDate(now))))
    .limit(500);
  const { results } = await eachInTransaction(
    services.database.db,
    services.log,
    "deposits.maturity",
    due.map((d) => d.id),
    async (tx, id) => {
      const r = await payOut(tx, id, now, null);
      if (r)
        await writeAudit(tx, null, null, [
          { action: "timeDeposit.mature", targetType: "TimeDeposit", targetId: id, summary: { interest: r.timeDeposit.interestPaid } },
        ]);
      return r;
    },
  );
  return results.filter((r) => r !== null).length;
}
