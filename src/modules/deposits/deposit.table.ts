import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, fourEyesCheck, journalEntries, makerCheckerColumns } from "../accounts";
import { customers } from "../customers";
import { staff } from "../organisation";

/** Cash withdrawals at or above the large-amount threshold (大额取现) wait here for a checker. */
export const withdrawalApprovals = pgTable(
  "cash_withdrawal_approvals",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    note: text("note").notNull().default(""),
    ...makerCheckerColumns(),
    entryId: text("entry_id").references(() => journalEntries.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cash_withdrawal_approvals_created_idx").on(t.createdAt, t.id),
    index("cash_withdrawal_approvals_account_idx").on(t.accountId),
    check("cash_withdrawal_approvals_positive", sql`${t.amount} > 0`),
    fourEyesCheck("cash_withdrawal_approvals_four_eyes", t),
  ],
);
export type WithdrawalApprovalRow = typeof withdrawalApprovals.$inferSelect;

export const LARGE_KINDS = ["CASH_DEPOSIT", "CASH_WITHDRAWAL"] as const;
export const largeKindEnum = pgEnum("large_transaction_kind", LARGE_KINDS);

/** Large-transaction records (大额交易报告): every cash transaction at or above the threshold. */
export const largeTransactions = pgTable(
  "large_transactions",
  {
    id: text("id").primaryKey(),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    customerId: text("customer_id").references(() => customers.id),
    kind: largeKindEnum("kind").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    thresholdAmount: bigint("threshold_amount", { mode: "bigint" }).notNull(),
    handledById: text("handled_by_id").references(() => staff.id),
    approvedById: text("approved_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("large_transactions_entry_uq").on(t.entryId), index("large_transactions_created_idx").on(t.createdAt, t.id)],
);
export type LargeTransactionRow = typeof largeTransactions.$inferSelect;

/**
 * Deposit interest rates (存款利率表) with the date each takes effect; term 0 is the demand (活期)
 * rate. Rates are annual, in millionths (1.45% = 14500), so that interest is integer arithmetic.
 */
export const depositRates = pgTable(
  "deposit_rates",
  {
    id: text("id").primaryKey(),
    termMonths: integer("term_months").notNull(),
    annualRateMicro: integer("annual_rate_micro").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deposit_rates_term_date_uq").on(t.termMonths, t.effectiveFrom),
    check("deposit_rates_term", sql`${t.termMonths} IN (0, 3, 6, 12, 24, 36, 60)`),
    check("deposit_rates_range", sql`${t.annualRateMicro} >= 0 AND ${t.annualRateMicro} <= 1000000`),
  ],
);
export type DepositRateRow = typeof depositRates.$inferSelect;

export const TIME_DEPOSIT_STATUSES = ["OPEN", "MATURED", "WITHDRAWN_EARLY", "ROLLED_OVER"] as const;
export type TimeDepositStatusName = (typeof TIME_DEPOSIT_STATUSES)[number];
export const timeDepositStatusEnum = pgEnum("time_deposit_status", TIME_DEPOSIT_STATUSES);

/**
 * How a deposit's interest at maturity is computed: TERM (principal × rate × term in years, as Chinese
 * banks pay it) for every deposit since the correction; ACTUAL_365 (days ÷ 365) only for deposits paid
 * out before it, so that the interest they show stays the interest they were paid.
 */
export const INTEREST_BASES = ["TERM", "ACTUAL_365"] as const;
export type InterestBasisName = (typeof INTEREST_BASES)[number];
export const interestBasisEnum = pgEnum("time_deposit_interest_basis", INTEREST_BASES);

/**
 * Time deposits (定期存款): the principal sits in its own ledger account (`holdingAccountId`) between
 * opening and payout, so the customer's account, the deposit and the journal always add up.
 */
export const timeDeposits = pgTable(
  "time_deposits",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    linkedAccountId: text("linked_account_id")
      .notNull()
      .references(() => accounts.id),
    holdingAccountId: text("holding_account_id")
      .notNull()
      .references(() => accounts.id),
    principal: bigint("principal", { mode: "bigint" }).notNull(),
    termMonths: integer("term_months").notNull(),
    annualRateMicro: integer("annual_rate_micro").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    maturityDate: date("maturity_date", { mode: "string" }).notNull(),
    status: timeDepositStatusEnum("status").notNull().default("OPEN"),
    interestBasis: interestBasisEnum("interest_basis").notNull().default("TERM"),
    /** At maturity, principal and interest roll into a new deposit of the same term at the rate then in force (自动转存). */
    autoRollover: boolean("auto_rollover").notNull().default(false),
    /** The deposit this one continues after an automatic rollover. */
    rolledFromId: text("rolled_from_id").references((): AnyPgColumn => timeDeposits.id),
    /** The one partial early withdrawal (部分提前支取): principal taken out, its demand interest, when. */
    partialAmount: bigint("partial_amount", { mode: "bigint" }),
    partialInterest: bigint("partial_interest", { mode: "bigint" }),
    partialAt: timestamp("partial_at", { withTimezone: true }),
    partialEntryId: text("partial_entry_id").references(() => journalEntries.id),
    interestPaid: bigint("interest_paid", { mode: "bigint" }),
    payoutEntryId: text("payout_entry_id").references(() => journalEntries.id),
    openedById: text("opened_by_id").references(() => staff.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("time_deposits_linked_idx").on(t.linkedAccountId, t.status),
    index("time_deposits_maturity_idx").on(t.status, t.maturityDate),
    index("time_deposits_created_idx").on(t.createdAt, t.id),
    check("time_deposits_principal_positive", sql`${t.principal} > 0`),
    check("time_deposits_term", sql`${t.termMonths} IN (3, 6, 12, 24, 36, 60)`),
    uniqueIndex("time_deposits_rolled_from_uq").on(t.rolledFromId),
    check("time_deposits_partial_positive", sql`${t.partialAmount} IS NULL OR ${t.partialAmount} > 0`),
  ],
);
export type TimeDepositRow = typeof timeDeposits.$inferSelect;
