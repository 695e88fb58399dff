import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { POSITIONS, type PositionName } from "../../core/viewer";
import { customers } from "../customers";
import { staff } from "../organisation";
import { receptionVisits } from "../reception";

const positionList = sql.raw(POSITIONS.map((p) => `'${p}'`).join(", "));

/**
 * The catalogue of other service requests (其他业务目录), manual chapter 4.6, kept as data: each type's
 * deadline, the fields a request must carry (and may carry), and the one position that completes it.
 * Rows are seeded by the custom migration `services_data`.
 */
export const serviceRequestTypes = pgTable(
  "service_request_types",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    deadlineHours: integer("deadline_hours").notNull(),
    requiredFields: text("required_fields").array().notNull(),
    optionalFields: text("optional_fields").array().notNull().default([]),
    completedByPosition: text("completed_by_position").$type<PositionName>().notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_request_types_code_uq").on(t.code),
    index("service_request_types_created_idx").on(t.createdAt, t.id),
    check("service_request_types_deadline", sql`${t.deadlineHours} > 0`),
    check("service_request_types_position", sql`${t.completedByPosition} in (${positionList})`),
  ],
);
export type ServiceRequestTypeRow = typeof serviceRequestTypes.$inferSelect;

export const SERVICE_REQUEST_STATUSES = ["SUBMITTED", "IN_PROGRESS", "DONE", "REFUSED"] as const;
export type ServiceRequestStatusName = (typeof SERVICE_REQUEST_STATUSES)[number];
export const serviceRequestStatusEnum = pgEnum("service_request_status", SERVICE_REQUEST_STATUSES);

/**
 * A customer's service request (业务申请), manual chapter 4.6: submitted → in progress → done or refused
 * (with a reason). `dueAt` is fixed at submission from the type's deadline; `overdueAt` is set by the
 * overdue watch the first time it finds the request open past its deadline.
 */
export const serviceRequests = pgTable(
  "service_requests",
  {
    id: text("id").primaryKey(),
    typeId: text("type_id")
      .notNull()
      .references(() => serviceRequestTypes.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    visitId: text("visit_id").references(() => receptionVisits.id),
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
    status: serviceRequestStatusEnum("status").notNull().default("SUBMITTED"),
    refusalReason: text("refusal_reason"),
    resultNote: text("result_note"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    overdueAt: timestamp("overdue_at", { withTimezone: true }),
    submittedById: text("submitted_by_id")
      .notNull()
      .references(() => staff.id),
    handlerId: text("handler_id").references(() => staff.id),
    closedById: text("closed_by_id").references(() => staff.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("service_requests_customer_idx").on(t.customerId, t.submittedAt),
    index("service_requests_submitted_idx").on(t.submittedAt, t.id),
    index("service_requests_open_due_idx")
      .on(t.dueAt)
      .where(sql`${t.status} in ('SUBMITTED', 'IN_PROGRESS') and ${t.overdueAt} is null`),
    check("service_requests_refusal_reason", sql`${t.status} <> 'REFUSED' OR ${t.refusalReason} IS NOT NULL`),
  ],
);
export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
