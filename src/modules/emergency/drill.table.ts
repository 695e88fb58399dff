import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { staff } from "../organisation";
import { emergencyPlans } from "./plan.table";

export const DRILL_KINDS = ["TABLETOP", "WALKTHROUGH", "FUNCTIONAL", "FULL_SCALE"] as const;
export type DrillKindName = (typeof DRILL_KINDS)[number];
export const DRILL_STATUSES = ["SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type DrillStatusName = (typeof DRILL_STATUSES)[number];
export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type SeverityName = (typeof SEVERITIES)[number];

export interface DrillStepLog {
  ordinal: number;
  observation: string;
  recordedById: string;
  recordedAt: string;
}

/** A drill (应急预案演练) of one plan version, manual chapter 12.2. */
export const emergencyDrills = pgTable(
  "emergency_drills",
  {
    id: text("id").primaryKey(),
    planId: text("plan_id")
      .notNull()
      .references(() => emergencyPlans.id),
    kind: text("kind").$type<DrillKindName>().notNull(),
    title: text("title").notNull(),
    status: text("status").$type<DrillStatusName>().notNull().default("SCHEDULED"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    participantIds: text("participant_ids").array().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    stepLog: jsonb("step_log").$type<DrillStepLog[]>().notNull().default([]),
    evaluationScore: integer("evaluation_score"),
    evaluationSummary: text("evaluation_summary"),
    organiserId: text("organiser_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("emergency_drills_plan_idx").on(t.planId, t.endedAt), index("emergency_drills_sched_idx").on(t.scheduledAt, t.id)],
);
export type EmergencyDrillRow = typeof emergencyDrills.$inferSelect;

export const drillFindings = pgTable(
  "emergency_drill_findings",
  {
    id: text("id").primaryKey(),
    drillId: text("drill_id")
      .notNull()
      .references(() => emergencyDrills.id),
    severity: text("severity").$type<SeverityName>().notNull(),
    description: text("description").notNull(),
    recordedById: text("recorded_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("emergency_drill_findings_drill_idx").on(t.drillId, t.createdAt)],
);
export type DrillFindingRow = typeof drillFindings.$inferSelect;
