import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, bigserial, boolean, check, index, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customers } from "../customers";
import { staff } from "../organisation";

export const ACCOUNT_TYPES = ["SAVINGS", "CURRENT"] as const;
export type AccountTypeName = (typeof ACCOUNT_TYPES)[number];
/**
 * Ledger accounts that are not a customer's current or savings account. A CARD account holds a credit
 * card's available credit (its balance never goes below zero, like every non-internal account).
 */
export const ACCOUNT_KINDS = ["CUSTOMER", "TIME_DEPOSIT", "INTERNAL", "CARD"] as const;
export type AccountKindName = (typeof ACCOUNT_KINDS)[number];
export const ACCOUNT_STATUSES = ["ACTIVE", "FROZEN", "DORMANT", "CLOSED"] as const;
export type AccountStatusName = (typeof ACCOUNT_STATUSES)[number];
export const FREEZE_REASONS = ["JUDICIAL", "SUSPECTED_FRAUD", "CUSTOMER_REQUEST", "OTHER"] as const;
export type FreezeReasonName = (typeof FREEZE_REASONS)[number];
export const LOSS_MEDIA = ["CARD", "PASSBOOK"] as const;
export type LossMediumName = (typeof LOSS_MEDIA)[number];
/** Personal account classes (个人银行账户分类, PBOC 2016 No. 302): I full service, II and III limited. */
export const ACCOUNT_CLASSES = ["I", "II", "III"] as const;
export type AccountClassName = (typeof ACCOUNT_CLASSES)[number];
/** An oral loss report (口头挂失) holds for a few days unless confirmed in writing (书面挂失). */
export const LOSS_KINDS = ["ORAL", "WRITTEN"] as const;
export type LossKindName = (typeof LOSS_KINDS)[number];

export const accountTypeEnum = pgEnum("account_type", ACCOUNT_TYPES);
export const accountKindEnum = pgEnum("account_kind", ACCOUNT_KINDS);
export const accountStatusEnum = pgEnum("account_status", ACCOUNT_STATUSES);
export const freezeReasonEnum = pgEnum("freeze_reason", FREEZE_REASONS);
export const lossMediumEnum = pgEnum("loss_medium", LOSS_MEDIA);
export const accountClassEnum = pgEnum("account_class", ACCOUNT_CLASSES);
export const lossKindEnum = pgEnum("loss_kind", LOSS_KINDS);

/** Source of account numbers: a sequence never hands out the same value twice, even across instances. */
export const accountNumberSeq = pgSequence("account_number_seq", { startWith: 1, increment: 1 });

/** Fixed ids of the bank's own ledger accounts (created by the custom migration `ledger_rules`). */
export const CASH_ACCOUNT_ID = "acc_0000000000000000000000CASH";
export const INTEREST_ACCOUNT_ID = "acc_00000000000000000000XPENSE";

/**
 * Ledger accounts: a customer's account (账户, 4.1), the holding account of a time deposit, or one of
 * the bank's internal accounts (cash vault, interest expense). `balance` is a cached sum kept in step
 * with the journal under a row lock; the CHECK constraint refuses a negative customer balance even if
 * code were wrong. Internal accounts are the counter side of cash and interest and may run negative.
 */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull(),
    kind: accountKindEnum("kind").notNull().default("CUSTOMER"),
    customerId: text("customer_id").references(() => customers.id),
    type: accountTypeEnum("type"),
    accountClass: accountClassEnum("account_class"),
    currency: text("currency").notNull().default("CNY"),
    status: accountStatusEnum("status").notNull().default("ACTIVE"),
    openingBalance: bigint("opening_balance", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    balance: bigint("balance", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    /**
     * Turnover (发生额): the sum of the absolute amounts of every journal line of the account, kept with
     * the balance by each posting. Transaction monitoring reads a young account's movement from it
     * instead of summing the account's lines inside every posting.
     */
    turnover: bigint("turnover", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    freezeReason: freezeReasonEnum("freeze_reason"),
    lossMedium: lossMediumEnum("loss_medium"),
    lossReportedAt: timestamp("loss_reported_at", { withTimezone: true }),
    /**
     * Set when a judicial freeze is recorded, cleared when the last one is released (under the account's
     * lock): postings on accounts without one skip the freeze look-up. True may be stale after an expiry;
     * the ledger then reads the freezes themselves, which decide.
     */
    judicialFreezeHint: boolean("judicial_freeze_hint").notNull().default(false),
    lossKind: lossKindEnum("loss_kind"),
    /** When an unconfirmed oral loss report lapses; null for a written one. */
    lossExpiresAt: timestamp("loss_expires_at", { withTimezone: true }),
    openedById: text("opened_by_id").references(() => staff.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_number_uq").on(t.number),
    index("accounts_customer_idx").on(t.customerId, t.openedAt),
    index("accounts_opened_idx").on(t.openedAt, t.id),
    check("accounts_balance_not_negative", sql`${t.kind} = 'INTERNAL' OR ${t.balance} >= 0`),
    check("accounts_opening_not_negative", sql`${t.kind} = 'INTERNAL' OR ${t.openingBalance} >= 0`),
    check("accounts_currency_code", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("accounts_customer_fields", sql`${t.kind} <> 'CUSTOMER' OR (${t.customerId} IS NOT NULL AND ${t.type} IS NOT NULL)`),
    check("accounts_customer_class", sql`${t.kind} <> 'CUSTOMER' OR ${t.accountClass} IS NOT NULL`),
    // One Class I account per customer at this bank (I 类户, 4.1); a closed one no longer counts.
    uniqueIndex("accounts_one_class_i_uq")
      .on(t.customerId)
      .where(sql`${t.kind} = 'CUSTOMER' AND ${t.accountClass} = 'I' AND ${t.status} <> 'CLOSED'`),
  ],
);
export type AccountRow = typeof accounts.$inferSelect;

export const ENTRY_KINDS = [
  "CASH_DEPOSIT",
  "CASH_WITHDRAWAL",
  "TRANSFER",
  "TIME_DEPOSIT_OPEN",
  "TIME_DEPOSIT_PAYOUT",
  "REVERSAL",
  "TIME_DEPOSIT_PARTIAL_WITHDRAWAL",
  "TIME_DEPOSIT_ROLLOVER",
  "LOAN_DISBURSEMENT",
  "LOAN_REPAYMENT",
  "LOAN_WRITE_OFF",
  "CARD_LIMIT",
  "CARD_PURCHASE",
  "CARD_REPAYMENT",
  "CARD_INTEREST",
  "CARD_DISPUTE_CREDIT",
  "CARD_DISPUTE_REVERSAL",
  "CARD_CHARGEBACK",
  "METAL_BUY",
  "METAL_SELL",
] as const;
export type EntryKindName = (typeof ENTRY_KINDS)[number];
export const entryKindEnum = pgEnum("journal_entry_kind", ENTRY_KINDS);

/**
 * The journal (分录): one row per business event; its lines sum to zero (a deferred constraint trigger
 * checks it at commit) and neither table accepts UPDATE or DELETE. A correction is a REVERSAL entry
 * pointing at the entry it reverses. The idempotency key, when the request had one, is kept unique
 * per staff member so that a retried request can never post twice, even past the idempotency table.
 */
export const journalEntries = pgTable(
  "journal_entries",
  {
    id: text("id").primaryKey(),
    kind: entryKindEnum("kind").notNull(),
    memo: text("memo").notNull().default(""),
    reversesId: text("reverses_id"),
    createdById: text("created_by_id").references(() => staff.id),
    approvedById: text("approved_by_id").references(() => staff.id),
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("journal_entries_reverses_uq").on(t.reversesId),
    uniqueIndex("journal_entries_key_uq").on(t.createdById, t.idempotencyKey),
    index("journal_entries_created_idx").on(t.createdAt, t.id),
  ],
);
export type JournalEntryRow = typeof journalEntries.$inferSelect;

/**
 * Journal lines: a signed amount on one account (credit > 0 raises the balance, debit < 0 lowers it)
 * and the account's balance right after it, which is exact because lines of an account are written
 * while its row is locked. `seq` orders an account's lines in posting order for statements.
 */
export const journalLines = pgTable(
  "journal_lines",
  {
    id: text("id").primaryKey(),
    seq: bigserial("seq", { mode: "bigint" }).notNull(),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    balanceAfter: bigint("balance_after", { mode: "bigint" }).notNull(),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("journal_lines_account_idx").on(t.accountId, t.seq),
    index("journal_lines_account_time_idx").on(t.accountId, t.postedAt, t.seq),
    index("journal_lines_entry_idx").on(t.entryId),
    // An account's inflows by size: transaction monitoring looks up the large ones inside each posting.
    index("journal_lines_account_inflow_idx")
      .on(t.accountId, t.amount)
      .where(sql`${t.amount} > 0`),
    check("journal_lines_amount_not_zero", sql`${t.amount} <> 0`),
  ],
);
export type JournalLineRow = typeof journalLines.$inferSelect;

export const REQUEST_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export type RequestStatusName = (typeof REQUEST_STATUSES)[number];
export const requestStatusEnum = pgEnum("approval_status", REQUEST_STATUSES);

/** The columns of a request one staff member makes and a second decides (maker-checker); fresh builders per table. */
export function makerCheckerColumns() {
  return {
    status: requestStatusEnum("status").notNull().default("PENDING"),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => staff.id),
    decidedById: text("decided_by_id").references(() => staff.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  };
}

/** Four eyes, enforced by the database as well: the checker is never the maker. */
export function fourEyesCheck(name: string, t: { decidedById: AnyPgColumn; requestedById: AnyPgColumn }) {
  return check(name, sql`${t.decidedById} IS NULL OR ${t.decidedById} <> ${t.requestedById}`);
}
export const FREEZE_ACTIONS = ["FREEZE", "UNFREEZE"] as const;
export type FreezeActionName = (typeof FREEZE_ACTIONS)[number];
export const freezeActionEnum = pgEnum("freeze_action", FREEZE_ACTIONS);

/** Freeze and unfreeze requests (冻结/解冻): made by one staff member, decided by a second (maker-checker). */
export const freezeRequests = pgTable(
  "account_freeze_requests",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    action: freezeActionEnum("action").notNull(),
    reason: freezeReasonEnum("reason").notNull(),
    note: text("note").notNull().default(""),
    ...makerCheckerColumns(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("account_freeze_requests_account_idx").on(t.accountId, t.createdAt),
    index("account_freeze_requests_created_idx").on(t.createdAt, t.id),
    fourEyesCheck("account_freeze_requests_four_eyes", t),
  ],
);
export type FreezeRequestRow = typeof freezeRequests.$inferSelect;
