import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { staff } from "../organisation";
import { severityEnum } from "./complaint.table";

/**
 * Internal targets by severity (内部处理时限), inside the legal deadline (manual chapter 7): first contact
 * with the customer within so many working days of receipt. Configuration as data (defaults: critical 1,
 * high 2, in the data migration); a severity without a row has no internal target.
 */
export const complaintSeverityTargets = pgTable("complaint_severity_targets", {
  severity: severityEnum("severity").primaryKey(),
  firstContactWorkingDays: integer("first_contact_working_days").notNull(),
  updatedById: text("updated_by_id").references(() => staff.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type SeverityTargetRow = typeof complaintSeverityTargets.$inferSelect;
