import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { complaints } from "../complaints";
import { staff } from "../organisation";
import { receptionVisits } from "../reception";

export const SURVEY_SUBJECTS = ["VISIT", "COMPLAINT"] as const;
export type SurveySubjectName = (typeof SURVEY_SUBJECTS)[number];

export interface SurveyQuestion {
  code: string;
  text: string;
}
export interface SurveyAnswer {
  code: string;
  score: number;
}

/**
 * Satisfaction survey template (满意度调查问卷), manual chapter 8.2, as data: the score scale, the score
 * from which an answer counts as satisfied, and the questions, one template per subject.
 */
export const surveyTemplates = pgTable("survey_templates", {
  id: text("id").primaryKey(),
  subjectType: text("subject_type").$type<SurveySubjectName>().notNull().unique(),
  scaleMin: integer("scale_min").notNull(),
  scaleMax: integer("scale_max").notNull(),
  satisfiedFrom: integer("satisfied_from").notNull(),
  questions: jsonb("questions").$type<SurveyQuestion[]>().notNull(),
});
export type SurveyTemplateRow = typeof surveyTemplates.$inferSelect;

/**
 * Satisfaction survey (满意度调查) after a visit or a complaint, one per visit or complaint (unique
 * columns). `staffId` is who served the visit or handled the complaint: the KPI is attributed to them.
 */
export const satisfactionSurveys = pgTable(
  "satisfaction_surveys",
  {
    id: text("id").primaryKey(),
    subjectType: text("subject_type").$type<SurveySubjectName>().notNull(),
    visitId: text("visit_id")
      .unique()
      .references(() => receptionVisits.id),
    complaintId: text("complaint_id")
      .unique()
      .references(() => complaints.id),
    templateId: text("template_id")
      .notNull()
      .references(() => surveyTemplates.id),
    staffId: text("staff_id").references(() => staff.id),
    overallScore: integer("overall_score").notNull(),
    /** Whether the overall score reached the template's `satisfiedFrom` when recorded. */
    satisfied: boolean("satisfied").notNull(),
    answers: jsonb("answers").$type<SurveyAnswer[]>().notNull(),
    comment: text("comment"),
    recordedById: text("recorded_by_id")
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("satisfaction_surveys_recorded_idx").on(t.recordedAt, t.id), index("satisfaction_surveys_staff_idx").on(t.staffId, t.recordedAt)],
);
export type SatisfactionSurveyRow = typeof satisfactionSurveys.$inferSelect;
