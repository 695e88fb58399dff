import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, fourEyesCheck, journalEntries, makerCheckerColumns } from "../accounts";
import { customers } from "../customers";
import { complaints } from "../complaints";
import { staff } from "../organisation";

/** Source of card serials: a sequence never hands out a number twice, across instances. */
export const cardNumberSeq = pgSequence("card_number_seq", { startWith: 1, increment: 1 });

/** Card products (信用卡产品) as data: each with the highest limit it may be granted (seeded by the `cards_data` migration). */
export const cardProducts = pgTable(
  "card_products",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    maxLimit: bigint("max_limit", { mode: "bigint" }).notNull(),
    /** Daily interest rate on an unpaid balance after the due date, in millionths per day (500 = 0.05%). */
    dailyRateMicro: integer("daily_rate_micro").notNull(),
  },
  (t) => [check("card_products_max_positive", sql`${t.maxLimit} > 0`), check("card_products_rate", sql`${t.dailyRateMicro} BETWEEN 0 AND 10000`)],
);
export type CardProductRow = typeof cardProducts.$inferSelect;

export const CARD_STATUSES = ["APPLIED", "APPROVED", "REJECTED", "ISSUED", "ACTIVE", "BLOCKED", "REPLACED", "CANCELLED"] as const;
export type CardStatusName = (typeof CARD_STATUSES)[number];
export const cardStatusEnum = pgEnum("card_status", CARD_STATUSES);
export const CARD_BLOCK_REASONS = ["LOSS", "UNAUTHORISED_USE"] as const;
export type CardBlockReasonName = (typeof CARD_BLOCK_REASONS)[number];
export const cardBlockReasonEnum = pgEnum("card_block_reason", CARD_BLOCK_REASONS);

/**
 * Credit cards (信用卡), chapter 4.4. The card's available credit is the balance of its ledger account
 * (kind CARD), which the accounts table keeps at zero or above: a purchase beyond the available credit
 * cannot be posted. `creditLimit` is the limit in force (permanent plus any temporary raise);
 * outstanding = creditLimit − available. A replacement card is a new row on the same ledger account.
 */
export const cards = pgTable(
  "cards",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    productCode: text("product_code")
      .notNull()
      .references(() => cardProducts.code),
    status: cardStatusEnum("status").notNull().default("APPLIED"),
    requestedLimit: bigint("requested_limit", { mode: "bigint" }).notNull(),
    permanentLimit: bigint("permanent_limit", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    creditLimit: bigint("credit_limit", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    temporaryLimitUntil: timestamp("temporary_limit_until", { withTimezone: true }),
    accountId: text("account_id").references(() => accounts.id),
    /** Repayments are taken from this customer account. */
    repaymentAccountId: text("repayment_account_id").references(() => accounts.id),
    numberEnc: text("number_enc"),
    numberHash: text("number_hash"),
    numberLast4: text("number_last4"),
    billingDay: integer("billing_day").notNull(),
    nextStatementOn: date("next_statement_on", { mode: "string" }),
    blockReason: cardBlockReasonEnum("block_reason"),
    rejectionReason: text("rejection_reason"),
    replacesCardId: text("replaces_card_id"),
    /** First due date whose minimum payment is still unpaid; days past it give the classification. */
    overdueSince: date("overdue_since", { mode: "string" }),
    appliedById: text("applied_by_id")
      .notNull()
      .references(() => staff.id),
    decidedById: text("decided_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("cards_number_hash_uq").on(t.numberHash),
    index("cards_customer_idx").on(t.customerId, t.createdAt),
    index("cards_created_idx").on(t.createdAt, t.id),
    index("cards_statement_idx").on(t.status, t.nextStatementOn),
    // One live card per ledger account: a replacement retires the card it replaces in the same transaction.
    uniqueIndex("cards_live_account_uq")
      .on(t.accountId)
      .where(sql`${t.status} IN ('APPROVED', 'ISSUED', 'ACTIVE', 'BLOCKED')`),
    check("cards_limits", sql`${t.permanentLimit} >= 0 AND ${t.creditLimit} >= ${t.permanentLimit} AND ${t.requestedLimit} > 0`),
    check("cards_billing_day", sql`${t.billingDay} BETWEEN 1 AND 28`),
    check("cards_decider", sql`${t.decidedById} IS NULL OR ${t.decidedById} <> ${t.appliedById}`),
  ],
);
export type CardRow = typeof cards.$inferSelect;

export const LIMIT_CHANGE_KINDS = ["PERMANENT_RAISE", "TEMPORARY_RAISE", "DECREASE"] as const;
export type LimitChangeKindName = (typeof LIMIT_CHANGE_KINDS)[number];
export const limitChangeKindEnum = pgEnum("card_limit_change_kind", LIMIT_CHANGE_KINDS);

/** Limit changes (额度调整): a permanent raise waits for a checker; a temporary raise has an end; a decrease applies at once. */
export const cardLimitChanges = pgTable(
  "card_limit_changes",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => cards.id),
    kind: limitChangeKindEnum("kind").notNull(),
    newLimit: bigint("new_limit", { mode: "bigint" }).notNull(),
    until: timestamp("until", { withTimezone: true }),
    ...makerCheckerColumns(),
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("card_limit_changes_card_idx").on(t.cardId, t.createdAt),
    check("card_limit_changes_positive", sql`${t.newLimit} > 0`),
    fourEyesCheck("card_limit_changes_four_eyes", t),
  ],
);
export type CardLimitChangeRow = typeof cardLimitChanges.$inferSelect;

/** Monthly statements (账单), written by the statement job on the billing day. */
export const cardStatements = pgTable(
  "card_statements",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => cards.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    statementDate: date("statement_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    previousBalance: bigint("previous_balance", { mode: "bigint" }).notNull(),
    purchases: bigint("purchases", { mode: "bigint" }).notNull(),
    payments: bigint("payments", { mode: "bigint" }).notNull(),
    interest: bigint("interest", { mode: "bigint" }).notNull(),
    fees: bigint("fees", { mode: "bigint" }).notNull(),
    newBalance: bigint("new_balance", { mode: "bigint" }).notNull(),
    minimumPayment: bigint("minimum_payment", { mode: "bigint" }).notNull(),
    /** Repaid since the statement, counted against it until its due date. */
    paidAmount: bigint("paid_amount", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    /** Set by the job once the due date has passed: what was still unpaid then. */
    unpaidAtDue: bigint("unpaid_at_due", { mode: "bigint" }),
    /** The last journal line of the card account the statement covers (the next one starts after it). */
    closingSeq: bigint("closing_seq", { mode: "bigint" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("card_statements_account_date_uq").on(t.accountId, t.statementDate),
    index("card_statements_card_idx").on(t.cardId, t.statementDate),
    index("card_statements_due_idx").on(t.dueDate),
    check("card_statements_amounts", sql`${t.newBalance} >= 0 AND ${t.minimumPayment} >= 0 AND ${t.minimumPayment} <= ${t.newBalance}`),
  ],
);
export type CardStatementRow = typeof cardStatements.$inferSelect;

/** Card-number reveals (卡号查看记录): one append-only row per unmasking, with its purpose. */
export const cardNumberAccess = pgTable(
  "card_number_access",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => cards.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    purpose: text("purpose").notNull(),
    purposeDetail: text("purpose_detail").notNull(),
    requestId: text("request_id"),
    accessedAt: timestamp("accessed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("card_number_access_card_idx").on(t.cardId, t.accessedAt)],
);
export type CardNumberAccessRow = typeof cardNumberAccess.$inferSelect;

export const DISPUTE_KINDS = ["UNAUTHORISED", "MERCHANT"] as const;
export type DisputeKindName = (typeof DISPUTE_KINDS)[number];
export const disputeKindEnum = pgEnum("card_dispute_kind", DISPUTE_KINDS);
export const DISPUTE_STATUSES = ["REPORTED", "INVESTIGATING", "RESOLVED_CUSTOMER", "RESOLVED_MERCHANT"] as const;
export type DisputeStatusName = (typeof DISPUTE_STATUSES)[number];
export const disputeStatusEnum = pgEnum("card_dispute_status", DISPUTE_STATUSES);

/**
 * Disputes (争议/盗刷): a purchase the customer did not make or disputes with the merchant. A
 * provisional credit is requested by one staff member and granted by a checker (maker-checker columns
 * on the credit); the decision keeps or takes it back.
 */
export const cardDisputes = pgTable(
  "card_disputes",
  {
    id: text("id").primaryKey(),
    cardId: text("card_id")
      .notNull()
      .references(() => cards.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    purchaseEntryId: text("purchase_entry_id")
      .notNull()
      .references(() => journalEntries.id),
    kind: disputeKindEnum("kind").notNull(),
    status: disputeStatusEnum("status").notNull().default("REPORTED"),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    description: text("description").notNull(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    complaintId: text("complaint_id").references(() => complaints.id),
    creditRequestedById: text("credit_requested_by_id").references(() => staff.id),
    creditApprovedById: text("credit_approved_by_id").references(() => staff.id),
    creditEntryId: text("credit_entry_id").references(() => journalEntries.id),
    resolutionEntryId: text("resolution_entry_id").references(() => journalEntries.id),
    resolutionNote: text("resolution_note"),
    reportedById: text("reported_by_id")
      .notNull()
      .references(() => staff.id),
    resolvedById: text("resolved_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // A purchase is disputed at most once.
    uniqueIndex("card_disputes_purchase_uq").on(t.purchaseEntryId),
    index("card_disputes_created_idx").on(t.createdAt, t.id),
    index("card_disputes_card_idx").on(t.cardId),
    check("card_disputes_positive", sql`${t.amount} > 0`),
    check("card_disputes_credit_four_eyes", sql`${t.creditApprovedById} IS NULL OR ${t.creditApprovedById} <> ${t.creditRequestedById}`),
  ],
);
export type CardDisputeRow = typeof cardDisputes.$inferSelect;

/** Cards a complaint names (投诉涉及的信用卡); owned by the cards module so complaints need not know cards. */
export const cardComplaintLinks = pgTable(
  "card_complaint_links",
  {
    complaintId: text("complaint_id")
      .notNull()
      .references(() => complaints.id),
    cardId: text("card_id")
      .notNull()
      .references(() => cards.id),
    linkedById: text("linked_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("card_complaint_links_uq").on(t.complaintId, t.cardId), index("card_complaint_links_card_idx").on(t.cardId)],
);
