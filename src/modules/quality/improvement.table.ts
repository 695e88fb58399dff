import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, staff, teams } from "../organisation";
import type { KpiCodeName } from "./kpi.table";

/** What raised an improvement action (改进措施来源), manual chapter 8.3 (and 7, 12). */
export const ACTION_SOURCES = ["INSPECTION_FINDING", "COMPLAINT_ROOT_CAUSE", "COMPLAINT_TREND", "KPI_MISS", "DRILL_FINDING", "INCIDENT_REPORT"] as const;
export type ActionSourceName = (typeof ACTION_SOURCES)[number];
export const ACTION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type ActionStatusName = (typeof ACTION_STATUSES)[number];

/**
 * Improvement action (改进措施 / 整改措施), manual chapter 8.3: one kind for every source. The table keeps
 * the name and rows it had when only drills and incident reports raised actions, so existing ids stay
 * valid. `kpiCode` with at most one of department, team or staff links the KPI whose value before and
 * after the action measures its effect.
 */
export const improvementActions = pgTable(
  "improvement_actions",
  {
    id: text("id").primaryKey(),
    sourceType: text("source_type").$type<ActionSourceName>().notNull(),
    sourceId: text("source_id").notNull(),
    description: text("description").notNull(),
    /** The cause found at the root (溯源), for complaint and inspection sources. */
    rootCause: text("root_cause"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => staff.id),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status").$type<ActionStatusName>().notNull().default("OPEN"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    kpiCode: text("kpi_code").$type<KpiCodeName>(),
    kpiDepartmentId: text("kpi_department_id").references(() => departments.id),
    kpiTeamId: text("kpi_team_id").references(() => teams.id),
    kpiStaffId: text("kpi_staff_id").references(() => staff.id),
    /** Days before raising and after completion over which the linked KPI is compared. */
    effectWindowDays: integer("effect_window_days").notNull().default(30),
    /** Null when a rule raised it (a complaint trend), not a member. */
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("improvement_actions_source_idx").on(t.sourceId),
    index("improvement_actions_due_idx").on(t.dueAt, t.id),
    // A complaint trend raises one action per category, business line and window, whichever instance sees it first.
    uniqueIndex("improvement_actions_trend_uq")
      .on(t.sourceId)
      .where(sql`${t.sourceType} = 'COMPLAINT_TREND'`),
  ],
);
export type ImprovementActionRow = typeof improvementActions.$inferSelect;

/**
 * The complaint trend rule (投诉趋势规则), manual chapters 7 and 8.3, as data: `threshold` or more
 * complaints of the same category and business line received within `windowDays` raise one
 * improvement action owned by the department's supervisor, due `dueDays` later.
 */
export const complaintTrendRules = pgTable("complaint_trend_rules", {
  id: text("id").primaryKey(),
  threshold: integer("threshold").notNull(),
  windowDays: integer("window_days").notNull(),
  dueDays: integer("due_days").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
