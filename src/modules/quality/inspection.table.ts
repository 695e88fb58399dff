import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { complaints } from "../complaints";
import { departments, staff, teams } from "../organisation";
import { receptionVisits } from "../reception";
import type { SurveySubjectName } from "./survey.table";

export const INSPECTION_STATUSES = ["SCORED", "CONTESTED", "UPHELD", "REVISED"] as const;
export type InspectionStatusName = (typeof INSPECTION_STATUSES)[number];

export interface ChecklistItem {
  code: string;
  norm: string;
  weight: number;
}
export interface ItemScore {
  code: string;
  /** 0–100 for the item. */
  score: number;
  note?: string | null;
}

/** Quality-inspection checklist (质检标准): service norms with weights, per subject, as data. */
export const qualityChecklists = pgTable("quality_checklists", {
  id: text("id").primaryKey(),
  subjectType: text("subject_type").$type<SurveySubjectName>().notNull(),
  name: text("name").notNull(),
  items: jsonb("items").$type<ChecklistItem[]>().notNull(),
});
export type QualityChecklistRow = typeof qualityChecklists.$inferSelect;

/**
 * Quality inspection (质检), manual chapter 8.2: an inspector scores a visit or a complaint's handling
 * against a checklist. The inspected member may contest once; a second inspector decides (upholds or
 * revises). Scores are in hundredths of a point so the weighted total is exact. Team and department of
 * the inspected member are copied at scoring, so the read rule needs no join.
 */
export const qualityInspections = pgTable(
  "quality_inspections",
  {
    id: text("id").primaryKey(),
    subjectType: text("subject_type").$type<SurveySubjectName>().notNull(),
    visitId: text("visit_id").references(() => receptionVisits.id),
    complaintId: text("complaint_id").references(() => complaints.id),
    checklistId: text("checklist_id")
      .notNull()
      .references(() => qualityChecklists.id),
    inspectedStaffId: text("inspected_staff_id")
      .notNull()
      .references(() => staff.id),
    inspectedTeamId: text("inspected_team_id").references(() => teams.id),
    inspectedDepartmentId: text("inspected_department_id")
      .notNull()
      .references(() => departments.id),
    inspectorId: text("inspector_id")
      .notNull()
      .references(() => staff.id),
    scores: jsonb("scores").$type<ItemScore[]>().notNull(),
    /** Weighted total, hundredths of a point (0–10000). */
    totalCentiPoints: integer("total_centi_points").notNull(),
    comment: text("comment"),
    status: text("status").$type<InspectionStatusName>().notNull().default("SCORED"),
    scoredAt: timestamp("scored_at", { withTimezone: true }).notNull(),
    contestReason: text("contest_reason"),
    contestedAt: timestamp("contested_at", { withTimezone: true }),
    decidedById: text("decided_by_id").references(() => staff.id),
    decisionNote: text("decision_note"),
    revisedScores: jsonb("revised_scores").$type<ItemScore[]>(),
    revisedTotalCentiPoints: integer("revised_total_centi_points"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("quality_inspections_scored_idx").on(t.scoredAt, t.id), index("quality_inspections_staff_idx").on(t.inspectedStaffId, t.scoredAt)],
);
export type QualityInspectionRow = typeof qualityInspections.$inferSelect;
