import { and, eq, lte } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type JobLog, eachInTransaction } from "../../shared/job-rows";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type AccountRow, type JournalEntryRow, INTEREST_ACCOUNT_ID, accounts, lockAccounts, post } from "../accounts";
import { type TimeDepositRow, timeDeposits } from "./deposit.table";
import { addMonths, businessDate, daysBetween, interestAtMaturity, interestFen } from "./interest";
import { rateOn } from "./rate.service";

export interface Payout {
  timeDeposit: TimeDepositRow;
  entry: JournalEntryRow | null;
  linkedAccount: AccountRow;
}

/** Locks a deposit's accounts (in id order, like every money path) and then the deposit itself. */
export async function lockDeposit(tx: Tx, timeDepositId: string): Promise<{ td: TimeDepositRow; locked: Map<string, AccountRow> }> {
  const [found] = await tx.select().from(timeDeposits).where(eq(timeDeposits.id, timeDepositId));
  if (!found) throw notFound("The time deposit", ["timeDepositId"]);
  const locked = await lockAccounts(tx, [INTEREST_ACCOUNT_ID, found.holdingAccountId, found.linkedAccountId]);
  const [td] = await tx.select().from(timeDeposits).where(eq(timeDeposits.id, found.id)).for("update");
  return { td, locked };
}

/** Demand interest on `principal` from the deposit's value date to `today` (actual/365, half up to the fen). */
export async function demandInterest(tx: Tx, principal: bigint, startDate: string, today: string): Promise<bigint> {
  const demand = (await rateOn(tx, 0, today)) ?? 0;
  return interestFen(principal, demand, daysBetween(startDate, today));
}

/**
 * Pays a time deposit out to its linked account: at or after maturity with the term interest
 * (principal × rate × term in years), before it at the demand rate in force that day over the days held.
 * Returns null when the deposit is no longer open (another payout won the race), so the job and the
 * mutation can both run without paying twice.
 */
export async function payOut(tx: Tx, timeDepositId: string, now: Date, actorId: string | null): Promise<Payout | null> {
  const { td, locked } = await lockDeposit(tx, timeDepositId);
  if (td.status !== "OPEN") return null;
  const today = businessDate(now);
  const matured = today >= td.maturityDate;
  const interest = matured ? interestAtMaturity(td) : await demandInterest(tx, td.principal, td.startDate, today);
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

/**
 * Automatic rollover (自动转存) of a matured deposit: its term interest is added to the principal in the
 * holding account, and a new deposit of the same term continues from the maturity date at the rate in
 * force on that date. The old deposit is ROLLED_OVER with the interest it earned; nothing reaches the
 * linked account. Returns the new deposit, or null when the deposit is no longer open.
 */
export async function rollOver(tx: Tx, timeDepositId: string, now: Date): Promise<TimeDepositRow | null> {
  const { td, locked } = await lockDeposit(tx, timeDepositId);
  if (td.status !== "OPEN" || businessDate(now) < td.maturityDate) return null;
  const rate = await rateOn(tx, td.termMonths, td.maturityDate);
  if (rate === null) throw new DomainError("RATE_NOT_FOUND", `No rate is in force for ${td.termMonths} months on ${td.maturityDate}.`, ["termMonths"]);
  const interest = interestAtMaturity(td);
  let entryId: string | null = null;
  if (interest > 0n) {
    const posted = await post(
      tx,
      {
        kind: "TIME_DEPOSIT_ROLLOVER",
        memo: "time deposit rolled over",
        lines: [
          { accountId: INTEREST_ACCOUNT_ID, amount: -interest },
          { accountId: td.holdingAccountId, amount: interest },
        ],
        createdById: null,
        now,
        counter: false,
      },
      locked,
    );
    entryId = posted.entry.id;
  }
  await tx.update(timeDeposits).set({ status: "ROLLED_OVER", interestPaid: interest, payoutEntryId: entryId, closedAt: now }).where(eq(timeDeposits.id, td.id));
  const [next] = await tx
    .insert(timeDeposits)
    .values({
      id: newId("tdp"),
      customerId: td.customerId,
      linkedAccountId: td.linkedAccountId,
      holdingAccountId: td.holdingAccountId,
      principal: td.principal + interest,
      termMonths: td.termMonths,
      annualRateMicro: rate,
      startDate: td.maturityDate,
      maturityDate: addMonths(td.maturityDate, td.termMonths),
      autoRollover: true,
      rolledFromId: td.id,
      openedById: td.openedById,
      createdAt: now,
    })
    .returning();
  return next;
}

/**
 * The maturity job: every open deposit whose maturity date has come is rolled over (when the customer
 * chose it) or paid out, one transaction each; a deposit that cannot be (its linked account closed, say)
 * is logged by id and code and left for the next run, and the others go on.
 */
export async function payMaturedDeposits(services: Pick<AppServices, "database" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const due = await services.database.db
    .select({ id: timeDeposits.id, autoRollover: timeDeposits.autoRollover })
    .from(timeDeposits)
    .where(and(eq(timeDeposits.status, "OPEN"), lte(timeDeposits.maturityDate, businessDate(now))))
    .limit(500);
  const roll = new Set(due.filter((d) => d.autoRollover).map((d) => d.id));
  const { results } = await eachInTransaction(
    services.database.db,
    services.log,
    "deposits.maturity",
    due.map((d) => d.id),
    async (tx, id) => {
      if (roll.has(id)) {
        const next = await rollOver(tx, id, now);
        if (next) await writeAudit(tx, null, null, [{ action: "timeDeposit.rollover", targetType: "TimeDeposit", targetId: id, summary: { next: next.id } }]);
        return next;
      }
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
