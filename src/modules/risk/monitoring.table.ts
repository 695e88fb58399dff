import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { journalEntries } from "../accounts";
import { customers } from "../customers";
import { staff } from "../organisation";

/** Transaction-monitoring rules (交易监测规则), manual chapter 5; one row each, seeded by the `risk_data` migration. */
export const RULE_CODES = [
  "LARGE_CASH",
  "LARGE_TRANSFER_NATURAL",
  "LARGE_TRANSFER_NON_NATURAL",
  "RAPID_IN_OUT",
  "STRUCTURING",
  "DORMANT_ACTIVITY",
  "NEW_ACCOUNT_ACTIVITY",
] as const;
export type RuleCodeName = (typeof RULE_CODES)[number];
export const ALERT_SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type AlertSeverityName = (typeof ALERT_SEVERITIES)[number];
export const alertSeverityEnum = pgEnum("risk_alert_severity", ALERT_SEVERITIES);

/**
 * `threshold` is in fen; `windowHours` the look-back (a day for the daily rules, 24 h for rapid
 * in-and-out, the dormancy period, the age under which an account is new); `percent` and `minCount`
 * are read only by the rules that need them (80% of an inflow; within 10% under the threshold, 3 times).
 */
export const monitoringRules = pgTable(
  "monitoring_rules",
  {
    code: text("code").primaryKey(),
    threshold: bigint("threshold", { mode: "bigint" }).notNull(),
    windowHours: integer("window_hours").notNull(),
    percent: integer("percent"),
    minCount: integer("min_count"),
    severity: alertSeverityEnum("severity").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    updatedById: text("updated_by_id").references(() => staff.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("monitoring_rules_threshold", sql`${t.threshold} > 0`),
    check("monitoring_rules_window", sql`${t.windowHours} > 0`),
    check("monitoring_rules_percent", sql`${t.percent} IS NULL OR (${t.percent} BETWEEN 1 AND 100)`),
  ],
);
export type MonitoringRuleRow = typeof monitoringRules.$inferSelect;

/**
 * Whether a customer is a natural person (自然人) for the large-value transfer thresholds. Customers
 * are registered with personal identity documents, so a customer without a row is a natural person.
 */
export const customerPartyTypes = pgTable("risk_customer_party_types", {
  customerId: text("customer_id")
    .primaryKey()
    .references(() => customers.id),
  naturalPerson: boolean("natural_person").notNull(),
  updatedById: text("updated_by_id").references(() => staff.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const LARGE_VALUE_KINDS = ["CASH", "TRANSFER"] as const;
export type LargeValueKindName = (typeof LARGE_VALUE_KINDS)[number];
export const largeValueKindEnum = pgEnum("large_value_kind", LARGE_VALUE_KINDS);

/**
 * Running total per customer, business day (China Standard Time) and kind of the monitored postings.
 * Every monitored posting adds to it with one upsert, whose row lock serialises the postings of one
 * customer and day: each sees the total of all before it, so a crossing is seen exactly once.
 */
export const monitoringDayTotals = pgTable(
  "monitoring_day_totals",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    kind: largeValueKindEnum("kind").notNull(),
    total: bigint("total", { mode: "bigint" }).notNull(),
    postings: integer("postings").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.businessDate, t.kind] })],
);

export const REPORT_STATUSES = ["PENDING", "SUBMITTED"] as const;
export type ReportStatusName = (typeof REPORT_STATUSES)[number];
export const reportStatusEnum = pgEnum("large_value_report_status", REPORT_STATUSES);

/** Large-value transaction report (大额交易报告, PBOC order 2016 No. 3): one per customer, business day and kind. */
export const largeValueReports = pgTable(
  "large_value_reports",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    kind: largeValueKindEnum("kind").notNull(),
    total: bigint("total", { mode: "bigint" }).notNull(),
    threshold: bigint("threshold", { mode: "bigint" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: reportStatusEnum("status").notNull().default("PENDING"),
    submittedById: text("submitted_by_id").references(() => staff.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("large_value_reports_day_uq").on(t.customerId, t.businessDate, t.kind), index("large_value_reports_created_idx").on(t.createdAt, t.id)],
);
export type LargeValueReportRow = typeof largeValueReports.$inferSelect;

export const largeValueReportEntries = pgTable(
  "large_value_report_entries",
  {
    reportId: text("report_id")
      .notNull()
      .references(() => largeValueReports.id),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.entryId] })],
);

export const ALERT_STATUSES = ["OPEN", "DISMISSED", "CONFIRMED", "REPORTED"] as const;
export type AlertStatusName = (typeof ALERT_STATUSES)[number];
export const alertStatusEnum = pgEnum("risk_alert_status", ALERT_STATUSES);

/** Risk alert (风险预警) raised by a monitoring rule: one per rule, customer and business day; later hits that day add their postings. */
export const riskAlerts = pgTable(
  "risk_alerts",
  {
    id: text("id").primaryKey(),
    ruleCode: text("rule_code")
      .notNull()
      .references(() => monitoringRules.code),
    severity: alertSeverityEnum("severity").notNull(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    detail: text("detail").notNull(),
    status: alertStatusEnum("status").notNull().default("OPEN"),
    reviewNote: text("review_note"),
    reviewedById: text("reviewed_by_id").references(() => staff.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    riskId: text("risk_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("risk_alerts_day_uq").on(t.ruleCode, t.customerId, t.businessDate),
    index("risk_alerts_created_idx").on(t.createdAt, t.id),
    index("risk_alerts_status_idx").on(t.status, t.createdAt),
  ],
);
export type RiskAlertRow = typeof riskAlerts.$inferSelect;

export const riskAlertEntries = pgTable(
  "risk_alert_entries",
  {
    alertId: text("alert_id")
      .notNull()
      .references(() => riskAlerts.id),
    entryId: text("entry_id")
      .notNull()
      .references(() => journalEntries.id),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.entryId] })],
);

export const STR_STATUSES = ["DRAFT", "SUBMITTED"] as const;
export const strStatusEnum = pgEnum("suspicious_report_status", STR_STATUSES);

/** Suspicious-transaction report (可疑交易报告): written by one risk officer, submitted by another (maker-checker). */
export const suspiciousReports = pgTable(
  "suspicious_transaction_reports",
  {
    id: text("id").primaryKey(),
    alertId: text("alert_id")
      .notNull()
      .references(() => riskAlerts.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    narrative: text("narrative").notNull(),
    status: strStatusEnum("status").notNull().default("DRAFT"),
    preparedById: text("prepared_by_id")
      .notNull()
      .references(() => staff.id),
    submittedById: text("submitted_by_id").references(() => staff.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("suspicious_reports_alert_uq").on(t.alertId),
    index("suspicious_reports_created_idx").on(t.createdAt, t.id),
    check("suspicious_reports_four_eyes", sql`${t.submittedById} IS NULL OR ${t.submittedById} <> ${t.preparedById}`),
  ],
);
export type SuspiciousReportRow = typeof suspiciousReports.$inferSelect;
