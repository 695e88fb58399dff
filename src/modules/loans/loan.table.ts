import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, journalEntries } from "../accounts";
import { complaints } from "../complaints";
import { customers } from "../customers";
import { departments, staff } from "../organisation";
import { REPAYMENT_METHODS } from "./schedule";

export const LOAN_PRODUCT_KINDS = ["PERSONAL_CONSUMER", "PERSONAL_HOUSING", "SMALL_BUSINESS"] as const;
export const LOAN_STATUSES = [
  "APPLIED",
  "MATERIAL_REQUESTED",
  "REVIEWED",
  "APPROVED",
  "REJECTED",
  "CONTRACT_SIGNED",
  "DISBURSED",
  "REPAYING",
  "SETTLED",
  "WRITTEN_OFF",
] as const;
export type LoanStatusName = (typeof LOAN_STATUSES)[number];
/** Five-category classification (贷款五级分类), best first. */
export const LOAN_CATEGORIES = ["NORMAL", "SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS"] as const;
export type LoanCategoryName = (typeof LOAN_CATEGORIES)[number];
export const INSTALMENT_STATUSES = ["SCHEDULED", "PAID", "CANCELLED"] as const;
export type InstalmentStatusName = (typeof INSTALMENT_STATUSES)[number];
export const PAYMENT_KINDS = ["AUTO_DEBIT", "COUNTER", "EARLY_PART", "EARLY_WHOLE"] as const;
export type PaymentKindName = (typeof PAYMENT_KINDS)[number];

export const loanProductKindEnum = pgEnum("loan_product_kind", LOAN_PRODUCT_KINDS);
export const loanStatusEnum = pgEnum("loan_status", LOAN_STATUSES);
export const loanCategoryEnum = pgEnum("loan_category", LOAN_CATEGORIES);
export const repaymentMethodEnum = pgEnum("loan_repayment_method", REPAYMENT_METHODS);
export const instalmentStatusEnum = pgEnum("loan_instalment_status", INSTALMENT_STATUSES);
export const loanPaymentKindEnum = pgEnum("loan_payment_kind", PAYMENT_KINDS);

/** Fixed ids of the bank's loan ledger accounts (created by the custom migration `loans_data`). */
export const LOANS_RECEIVABLE_ACCOUNT_ID = "acc_00000000000000000000KREDT1";
export const LOAN_INTEREST_INCOME_ACCOUNT_ID = "acc_00000000000000000000KREDT2";
export const LOAN_WRITE_OFF_ACCOUNT_ID = "acc_00000000000000000000KREDT3";

/** Loan products (贷款产品): amount and term ranges, the methods offered, the overdue penalty rate (annual, millionths). */
export const loanProducts = pgTable(
  "loan_products",
  {
    id: text("id").primaryKey(),
    kind: loanProductKindEnum("kind").notNull(),
    name: text("name").notNull(),
    minAmount: bigint("min_amount", { mode: "bigint" }).notNull(),
    maxAmount: bigint("max_amount", { mode: "bigint" }).notNull(),
    minTermMonths: integer("min_term_months").notNull(),
    maxTermMonths: integer("max_term_months").notNull(),
    methods: text("methods").array().notNull(),
    penaltyRateMicro: integer("penalty_rate_micro").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("loan_products_kind_uq").on(t.kind),
    check("loan_products_amounts", sql`${t.minAmount} > 0 AND ${t.maxAmount} >= ${t.minAmount}`),
    check("loan_products_terms", sql`${t.minTermMonths} >= 1 AND ${t.maxTermMonths} <= 360 AND ${t.maxTermMonths} >= ${t.minTermMonths}`),
  ],
);
export type LoanProductRow = typeof loanProducts.$inferSelect;

/** A product's annual rate (贷款利率) from an effective date, until the next one (or `effectiveTo`). */
export const loanRates = pgTable(
  "loan_rates",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => loanProducts.id),
    annualRateMicro: integer("annual_rate_micro").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
  },
  (t) => [
    uniqueIndex("loan_rates_product_date_uq").on(t.productId, t.effectiveFrom),
    check("loan_rates_range", sql`${t.annualRateMicro} > 0 AND ${t.annualRateMicro} <= 1000000`),
  ],
);
export type LoanRateRow = typeof loanRates.$inferSelect;

/**
 * Loans (贷款), from application to settlement. The customer's `accountId` receives the disbursement
 * and is debited for repayments. `departmentId` is the department that took the application (portfolio).
 * `disbursementEntryId` is unique: one disbursement per loan, whatever runs in parallel.
 */
export const loans = pgTable(
  "loans",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => loanProducts.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    status: loanStatusEnum("status").notNull().default("APPLIED"),
    method: repaymentMethodEnum("method").notNull(),
    requestedAmount: bigint("requested_amount", { mode: "bigint" }).notNull(),
    requestedTermMonths: integer("requested_term_months").notNull(),
    purpose: text("purpose").notNull(),
    appliedById: text("applied_by_id")
      .notNull()
      .references(() => staff.id),
    reviewedById: text("reviewed_by_id").references(() => staff.id),
    reviewFindings: text("review_findings"),
    materialRequest: text("material_request"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    approvedById: text("approved_by_id").references(() => staff.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    amount: bigint("amount", { mode: "bigint" }),
    termMonths: integer("term_months"),
    annualRateMicro: integer("annual_rate_micro"),
    penaltyRateMicro: integer("penalty_rate_micro"),
    rejectedById: text("rejected_by_id").references(() => staff.id),
    rejectionReason: text("rejection_reason"),
    contractNumber: text("contract_number"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    disbursedAt: timestamp("disbursed_at", { withTimezone: true }),
    valueDate: date("value_date", { mode: "string" }),
    disbursementEntryId: text("disbursement_entry_id").references(() => journalEntries.id),
    principalOutstanding: bigint("principal_outstanding", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    category: loanCategoryEnum("category").notNull().default("NORMAL"),
    observationUntil: date("observation_until", { mode: "string" }),
    writeOffRequestedById: text("write_off_requested_by_id").references(() => staff.id),
    writeOffReason: text("write_off_reason"),
    writtenOffById: text("written_off_by_id").references(() => staff.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("loans_created_idx").on(t.createdAt, t.id),
    index("loans_customer_idx").on(t.customerId),
    index("loans_account_idx").on(t.accountId, t.status),
    index("loans_status_idx").on(t.status),
    uniqueIndex("loans_disbursement_uq").on(t.disbursementEntryId),
    uniqueIndex("loans_contract_uq").on(t.contractNumber),
    check("loans_requested_positive", sql`${t.requestedAmount} > 0`),
    check("loans_outstanding_not_negative", sql`${t.principalOutstanding} >= 0`),
    check("loans_four_eyes", sql`${t.approvedById} IS NULL OR ${t.approvedById} <> ${t.reviewedById}`),
    check("loans_write_off_four_eyes", sql`${t.writtenOffById} IS NULL OR ${t.writtenOffById} <> ${t.writeOffRequestedById}`),
  ],
);
export type LoanRow = typeof loans.$inferSelect;

/** Instalments of a loan's schedule (还款计划); paid parts grow, a recomputed schedule cancels the unpaid future. */
export const loanInstalments = pgTable(
  "loan_instalments",
  {
    id: text("id").primaryKey(),
    loanId: text("loan_id")
      .notNull()
      .references(() => loans.id),
    period: integer("period").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    principalDue: bigint("principal_due", { mode: "bigint" }).notNull(),
    interestDue: bigint("interest_due", { mode: "bigint" }).notNull(),
    principalPaid: bigint("principal_paid", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    interestPaid: bigint("interest_paid", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    penaltyAccrued: bigint("penalty_accrued", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    penaltyPaid: bigint("penalty_paid", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    penaltyThrough: date("penalty_through", { mode: "string" }),
    autoDebitOn: date("auto_debit_on", { mode: "string" }),
    status: instalmentStatusEnum("status").notNull().default("SCHEDULED"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("loan_instalments_period_uq")
      .on(t.loanId, t.period)
      .where(sql`${t.status} <> 'CANCELLED'`),
    index("loan_instalments_due_idx").on(t.status, t.dueDate),
    index("loan_instalments_loan_idx").on(t.loanId, t.status, t.dueDate),
    check("loan_instalments_parts", sql`${t.principalPaid} >= 0 AND ${t.principalPaid} <= ${t.principalDue} AND ${t.interestPaid} <= ${t.interestDue}`),
    check("loan_instalments_penalty", sql`${t.penaltyPaid} >= 0 AND ${t.penaltyPaid} <= ${t.penaltyAccrued}`),
  ],
);
export type LoanInstalmentRow = typeof loanInstalments.$inferSelect;

/** Every repayment (还款), with its split into penalty, interest and principal and its journal entry. */
export const loanPayments = pgTable(
  "loan_payments",
  {
    id: text("id").primaryKey(),
    loanId: text("loan_id")
      .notNull()
      .references(() => loans.id),
    kind: loanPaymentKindEnum("kind").notNull(),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    penalty: bigint("penalty", { mode: "bigint" }).notNull(),
    interest: bigint("interest", { mode: "bigint" }).notNull(),
    principal: bigint("principal", { mode: "bigint" }).notNull(),
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("loan_payments_loan_idx").on(t.loanId, t.createdAt),
    uniqueIndex("loan_payments_entry_uq").on(t.entryId),
    check("loan_payments_split", sql`${t.amount} = ${t.penalty} + ${t.interest} + ${t.principal} AND ${t.amount} > 0`),
  ],
);
export type LoanPaymentRow = typeof loanPayments.$inferSelect;

/** Every change of a loan's five-category classification, with its reason and who decided (null: the nightly job). */
export const loanCategoryChanges = pgTable(
  "loan_category_changes",
  {
    id: text("id").primaryKey(),
    loanId: text("loan_id")
      .notNull()
      .references(() => loans.id),
    fromCategory: loanCategoryEnum("from_category").notNull(),
    toCategory: loanCategoryEnum("to_category").notNull(),
    reason: text("reason").notNull(),
    daysOverdue: integer("days_overdue").notNull(),
    decidedById: text("decided_by_id").references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("loan_category_changes_loan_idx").on(t.loanId, t.at)],
);
export type LoanCategoryChangeRow = typeof loanCategoryChanges.$inferSelect;

/** The loan's timeline (贷款业务记录): one row per step, who did it and when. */
export const loanEvents = pgTable(
  "loan_events",
  {
    id: text("id").primaryKey(),
    loanId: text("loan_id")
      .notNull()
      .references(() => loans.id),
    action: text("action").notNull(),
    note: text("note").notNull().default(""),
    actorId: text("actor_id").references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("loan_events_loan_idx").on(t.loanId, t.at)],
);
export type LoanEventRow = typeof loanEvents.$inferSelect;

/** Complaints that name a loan (投诉涉及的贷款). */
export const loanComplaintLinks = pgTable(
  "loan_complaint_links",
  {
    loanId: text("loan_id")
      .notNull()
      .references(() => loans.id),
    complaintId: text("complaint_id")
      .notNull()
      .references(() => complaints.id),
    linkedById: text("linked_by_id").references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.complaintId] }), index("loan_complaint_links_complaint_idx").on(t.complaintId)],
);
