import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { CertificationKindName } from "../../core/certification";
import { departments, staff } from "../organisation";

export const SESSION_STATUSES = ["SCHEDULED", "COMPLETED", "CANCELLED"] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];
export const ENROLMENT_STATUSES = ["ENROLLED", "WAITLISTED", "CANCELLED"] as const;
export type EnrolmentStatusName = (typeof ENROLMENT_STATUSES)[number];
export const ATTENDANCES = ["PRESENT", "ABSENT"] as const;
export type AttendanceName = (typeof ATTENDANCES)[number];

/** Annual training plan (年度培训计划) of one department, manual chapter 9. */
export const trainingPlans = pgTable(
  "training_plans",
  {
    id: text("id").primaryKey(),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    objectives: text("objectives").notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("training_plans_department_year_uq").on(t.departmentId, t.year)],
);
export type TrainingPlanRow = typeof trainingPlans.$inferSelect;

/** Course (培训课程), with its assessment's pass mark and the certification passing it grants. */
export const trainingCourses = pgTable(
  "training_courses",
  {
    id: text("id").primaryKey(),
    planId: text("plan_id").references(() => trainingPlans.id),
    code: text("code").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** Lowest assessment score (0–100) that passes. */
    passMark: integer("pass_mark").notNull(),
    certificationKind: text("certification_kind").$type<CertificationKindName>(),
    /** How long a certification granted by this course stays valid, in months. */
    validityMonths: integer("validity_months"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("training_courses_plan_idx").on(t.planId)],
);
export type TrainingCourseRow = typeof trainingCourses.$inferSelect;

/** One session (培训班次) of a course: when, where, who teaches, how many seats. */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    trainerId: text("trainer_id")
      .notNull()
      .references(() => staff.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    location: text("location").notNull(),
    capacity: integer("capacity").notNull(),
    status: text("status").$type<SessionStatusName>().notNull().default("SCHEDULED"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("training_sessions_course_idx").on(t.courseId, t.startsAt), index("training_sessions_starts_idx").on(t.startsAt, t.id)],
);
export type TrainingSessionRow = typeof trainingSessions.$inferSelect;

/** A staff member's place in a session (报名): enrolled or on the waitlist, attendance, assessment, feedback. */
export const trainingEnrolments = pgTable(
  "training_enrolments",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    status: text("status").$type<EnrolmentStatusName>().notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull(),
    attendance: text("attendance").$type<AttendanceName>(),
    score: integer("score"),
    passed: boolean("passed"),
    assessedById: text("assessed_by_id").references(() => staff.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }),
    feedbackRating: integer("feedback_rating"),
    feedbackComment: text("feedback_comment"),
    feedbackAt: timestamp("feedback_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("training_enrolments_session_staff_uq").on(t.sessionId, t.staffId), index("training_enrolments_staff_idx").on(t.staffId)],
);
export type TrainingEnrolmentRow = typeof trainingEnrolments.$inferSelect;

/** Certification (资格认证) of a staff member, granted by passing a course's assessment, valid until `expiresAt`. */
export const certifications = pgTable(
  "certifications",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    kind: text("kind").$type<CertificationKindName>().notNull(),
    /** The passed enrolment that granted it (null for one recorded at setup). */
    enrolmentId: text("enrolment_id").references(() => trainingEnrolments.id),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set once by the expiry watch when less than 30 days remain. */
    expiringFlaggedAt: timestamp("expiring_flagged_at", { withTimezone: true }),
  },
  (t) => [index("certifications_staff_kind_idx").on(t.staffId, t.kind, t.expiresAt), index("certifications_expires_idx").on(t.expiresAt, t.id)],
);
export type CertificationRow = typeof certifications.$inferSelect;

/**
 * Which certification kinds gate business (configuration as data): an enforced kind refuses the
 * procedures that name it to a member without a valid certification; a kind not enforced lets
 * them go ahead. Default rows come with the data migration.
 */
export const certificationRequirements = pgTable("certification_requirements", {
  kind: text("kind").$type<CertificationKindName>().primaryKey(),
  enforced: boolean("enforced").notNull(),
  updatedById: text("updated_by_id").references(() => staff.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type CertificationRequirementRow = typeof certificationRequirements.$inferSelect;
