import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "../customers";
import { departments, staff } from "../organisation";

export const RISK_CATEGORIES = ["OPERATIONAL", "CREDIT", "MARKET", "COMPLIANCE", "FRAUD", "REPUTATIONAL", "INFORMATION_TECHNOLOGY"] as const;
export type RiskCategoryName = (typeof RISK_CATEGORIES)[number];
export const riskCategoryEnum = pgEnum("risk_category", RISK_CATEGORIES);

export const RISK_SOURCES = ["COMPLAINT", "INCIDENT", "SECURITY_INCIDENT", "INSPECTION", "TRANSACTION_MONITORING", "AUDIT"] as const;
export type RiskSourceName = (typeof RISK_SOURCES)[number];
export const riskSourceEnum = pgEnum("risk_source", RISK_SOURCES);

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type RiskLevelName = (typeof RISK_LEVELS)[number];
export const riskLevelEnum = pgEnum("risk_level", RISK_LEVELS);

export const RISK_STATUSES = ["OPEN", "CLOSED"] as const;
export const riskStatusEnum = pgEnum("risk_status", RISK_STATUSES);

/**
 * Risk register (风险登记册), manual chapter 5. `sourceId` is the record that raised it (a complaint,
 * an emergency or security incident, a risk alert), checked when the risk is registered; inspections
 * and audits are outside this system and are named by `sourceReference`. The current assessment is
 * kept on the row; every assessment, the first included, is in `risk_assessments`.
 */
export const risks = pgTable(
  "risks",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    category: riskCategoryEnum("category").notNull(),
    source: riskSourceEnum("source").notNull(),
    sourceId: text("source_id"),
    sourceReference: text("source_reference"),
    customerId: text("customer_id").references(() => customers.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    score: integer("score").notNull(),
    level: riskLevelEnum("level").notNull(),
    status: riskStatusEnum("status").notNull().default("OPEN"),
    /** Set by the control watch when a high or critical risk lacks an active control or has an overdue one; cleared when that is fixed. */
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    flagReason: text("flag_reason"),
    identifiedById: text("identified_by_id")
      .notNull()
      .references(() => staff.id),
    identifiedAt: timestamp("identified_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("risks_identified_idx").on(t.identifiedAt, t.id),
    index("risks_source_idx").on(t.sourceId),
    index("risks_department_idx").on(t.departmentId, t.identifiedAt),
    check("risks_likelihood", sql`${t.likelihood} BETWEEN 1 AND 5`),
    check("risks_impact", sql`${t.impact} BETWEEN 1 AND 5`),
  ],
);
export type RiskRow = typeof risks.$inferSelect;

/** Assessment history (风险评估): append-only, newest last. */
export const riskAssessments = pgTable(
  "risk_assessments",
  {
    id: text("id").primaryKey(),
    riskId: text("risk_id")
      .notNull()
      .references(() => risks.id),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    score: integer("score").notNull(),
    level: riskLevelEnum("level").notNull(),
    note: text("note").notNull(),
    assessedById: text("assessed_by_id")
      .notNull()
      .references(() => staff.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("risk_assessments_risk_idx").on(t.riskId, t.assessedAt)],
);
export type RiskAssessmentRow = typeof riskAssessments.$inferSelect;

export const CONTROL_STATUSES = ["PLANNED", "ACTIVE", "COMPLETED", "CANCELLED"] as const;
export type ControlStatusName = (typeof CONTROL_STATUSES)[number];
export const controlStatusEnum = pgEnum("risk_control_status", CONTROL_STATUSES);

/** Control measure (风险控制措施) with its owner and due date. */
export const riskControls = pgTable(
  "risk_controls",
  {
    id: text("id").primaryKey(),
    riskId: text("risk_id")
      .notNull()
      .references(() => risks.id),
    measure: text("measure").notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => staff.id),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: controlStatusEnum("status").notNull().default("PLANNED"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("risk_controls_risk_idx").on(t.riskId, t.status)],
);
export type RiskControlRow = typeof riskControls.$inferSelect;
