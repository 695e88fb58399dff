import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "../customers";
import { departments, staff } from "../organisation";

export const SECURITY_CATEGORIES = ["DATA_LEAK", "UNAUTHORISED_ACCESS", "MALWARE", "PHISHING", "LOST_DEVICE", "OTHER"] as const;
export type SecurityCategoryName = (typeof SECURITY_CATEGORIES)[number];
export const SECURITY_STATUSES = ["REPORTED", "TRIAGED", "CONTAINED", "ERADICATED", "RECOVERED", "REVIEWED"] as const;
export type SecurityStatusName = (typeof SECURITY_STATUSES)[number];
export type SecuritySeverityName = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** A security incident (信息安全事件), manual chapter 11.3. */
export const securityIncidents = pgTable(
  "security_incidents",
  {
    id: text("id").primaryKey(),
    category: text("category").$type<SecurityCategoryName>().notNull(),
    severity: text("severity").$type<SecuritySeverityName>().notNull(),
    status: text("status").$type<SecurityStatusName>().notNull().default("REPORTED"),
    title: text("title").notNull(),
    description: text("description").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => staff.id),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    handlerId: text("handler_id").references(() => staff.id),
    affectedSystems: text("affected_systems").array().notNull().default([]),
    /** A data leak that touches customer information must be notified to the regulator by the deadline. */
    regulatorNotificationRequired: boolean("regulator_notification_required").notNull().default(false),
    regulatorNotificationDueAt: timestamp("regulator_notification_due_at", { withTimezone: true }),
    regulatorNotifiedAt: timestamp("regulator_notified_at", { withTimezone: true }),
    /** When the affected people were notified of the leak (PIPL art. 57), and how: a recorded step like the regulator's. */
    affectedNotifiedAt: timestamp("affected_notified_at", { withTimezone: true }),
    affectedNotificationNote: text("affected_notification_note"),
    affectedNotifiedById: text("affected_notified_by_id").references(() => staff.id),
    /** Set once by the deadline watch when the deadline passed unnotified, so the breach is announced once. */
    regulatorDeadlineBreachedAt: timestamp("regulator_deadline_breached_at", { withTimezone: true }),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("security_incidents_reported_idx").on(t.reportedAt, t.id), index("security_incidents_reporter_idx").on(t.reporterId)],
);
export type SecurityIncidentRow = typeof securityIncidents.$inferSelect;

export const securityIncidentCustomers = pgTable(
  "security_incident_customers",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => securityIncidents.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.customerId] })],
);

export const securityIncidentUpdates = pgTable(
  "security_incident_updates",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => securityIncidents.id),
    kind: text("kind").notNull(),
    note: text("note").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("security_incident_updates_idx").on(t.incidentId, t.at, t.id)],
);
export type SecurityIncidentUpdateRow = typeof securityIncidentUpdates.$inferSelect;
