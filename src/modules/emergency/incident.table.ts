import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, staff } from "../organisation";
import { type EmergencyTypeName, type ResponseLevelName, emergencyPlans } from "./plan.table";

export const EMERGENCY_STATUSES = ["REPORTED", "RESPONDING", "CONTAINED", "RESOLVED", "CLOSED"] as const;
export type EmergencyStatusName = (typeof EMERGENCY_STATUSES)[number];

/** An emergency incident (突发事件), manual chapter 12.3. */
export const emergencyIncidents = pgTable(
  "emergency_incidents",
  {
    id: text("id").primaryKey(),
    type: text("type").$type<EmergencyTypeName>().notNull(),
    level: text("level").$type<ResponseLevelName>().notNull(),
    status: text("status").$type<EmergencyStatusName>().notNull().default("REPORTED"),
    location: text("location").notNull(),
    description: text("description").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => staff.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    planId: text("plan_id").references(() => emergencyPlans.id),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    containedAt: timestamp("contained_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("emergency_incidents_reported_idx").on(t.reportedAt, t.id), index("emergency_incidents_reporter_idx").on(t.reporterId)],
);
export type EmergencyIncidentRow = typeof emergencyIncidents.$inferSelect;

/** The activated plan's steps, copied as a checklist: the plan may be superseded later, the record stays. */
export const emergencyIncidentSteps = pgTable(
  "emergency_incident_steps",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => emergencyIncidents.id),
    ordinal: integer("ordinal").notNull(),
    action: text("action").notNull(),
    responsibleRole: text("responsible_role").notNull(),
    contacts: text("contacts"),
    /** Copied from the plan step: a required step is done, or skipped with a reason, before the incident is contained. */
    required: boolean("required").notNull().default(true),
    doneById: text("done_by_id").references(() => staff.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
    note: text("note"),
    /** Why a step was not carried out (chapter 12.3: a skipped step needs a recorded reason). */
    skippedReason: text("skipped_reason"),
    skippedById: text("skipped_by_id").references(() => staff.id),
    skippedAt: timestamp("skipped_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("emergency_incident_steps_ordinal").on(t.incidentId, t.ordinal)],
);
export type EmergencyIncidentStepRow = typeof emergencyIncidentSteps.$inferSelect;

/** The timeline (处置记录) of an incident: every report, level change, step, status change and note. */
export const emergencyIncidentUpdates = pgTable(
  "emergency_incident_updates",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => emergencyIncidents.id),
    kind: text("kind").notNull(),
    note: text("note").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("emergency_incident_updates_idx").on(t.incidentId, t.at, t.id)],
);
export type EmergencyIncidentUpdateRow = typeof emergencyIncidentUpdates.$inferSelect;

/** Post-incident report (后续跟进与总结), manual chapter 12.4: one per incident. */
export const emergencyIncidentReports = pgTable("emergency_incident_reports", {
  id: text("id").primaryKey(),
  incidentId: text("incident_id")
    .notNull()
    .unique()
    .references(() => emergencyIncidents.id),
  cause: text("cause").notNull(),
  impact: text("impact").notNull(),
  timelineSummary: text("timeline_summary").notNull(),
  whatWorked: text("what_worked").notNull(),
  whatDidNotWork: text("what_did_not_work").notNull(),
  authorId: text("author_id")
    .notNull()
    .references(() => staff.id),
  filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
});
export type EmergencyIncidentReportRow = typeof emergencyIncidentReports.$inferSelect;
