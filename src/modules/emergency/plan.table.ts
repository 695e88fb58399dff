import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, staff } from "../organisation";

export const EMERGENCY_TYPES = ["FIRE", "POWER_OUTAGE", "SYSTEM_OUTAGE", "ROBBERY", "MASS_COMPLAINT", "PUBLIC_HEALTH", "NATURAL_DISASTER", "OTHER"] as const;
export type EmergencyTypeName = (typeof EMERGENCY_TYPES)[number];
/** Response levels: I is the gravest (特别重大), IV the least (一般). */
export const RESPONSE_LEVELS = ["I", "II", "III", "IV"] as const;
export type ResponseLevelName = (typeof RESPONSE_LEVELS)[number];
export const PLAN_STATUSES = ["DRAFT", "APPROVED", "RETIRED"] as const;
export type PlanStatusName = (typeof PLAN_STATUSES)[number];

export interface PlanStep {
  ordinal: number;
  action: string;
  responsibleRole: string;
  contacts: string | null;
  /** A required step must be done, or skipped with a recorded reason, before an incident is contained (absent on old rows: required). */
  required?: boolean;
}

/**
 * One version of an emergency plan (应急预案), manual chapter 12.1. A plan's identity is its type and
 * scope (a department, or the whole center when null); each row is a version. The partial unique index
 * keeps at most one approved version per type and scope, whatever a racing approval tries.
 */
export const emergencyPlans = pgTable(
  "emergency_plans",
  {
    id: text("id").primaryKey(),
    type: text("type").$type<EmergencyTypeName>().notNull(),
    scopeDepartmentId: text("scope_department_id").references(() => departments.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    level: text("level").$type<ResponseLevelName>().notNull(),
    status: text("status").$type<PlanStatusName>().notNull().default("DRAFT"),
    steps: jsonb("steps").$type<PlanStep[]>().notNull(),
    drillIntervalDays: integer("drill_interval_days").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => staff.id),
    approvedById: text("approved_by_id").references(() => staff.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    retiredReason: text("retired_reason"),
    supersededById: text("superseded_by_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("emergency_plans_one_approved")
      .on(t.type, sql`coalesce(${t.scopeDepartmentId}, '')`)
      .where(sql`status = 'APPROVED'`),
    uniqueIndex("emergency_plans_version").on(t.type, sql`coalesce(${t.scopeDepartmentId}, '')`, t.version),
    index("emergency_plans_created_idx").on(t.createdAt, t.id),
  ],
);
export type EmergencyPlanRow = typeof emergencyPlans.$inferSelect;
