import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, staff } from "../organisation";
import type { EquipmentStatusName, EquipmentTypeName, FaultStatusName, MaintenanceKindName } from "./equipment.states";

/** One device in the register (设备台账), manual chapter 10.1. Prices are integer fen. */
export const equipment = pgTable(
  "equipment",
  {
    id: text("id").primaryKey(),
    assetNumber: text("asset_number").notNull().unique(),
    type: text("type").$type<EquipmentTypeName>().notNull(),
    model: text("model").notNull(),
    departmentId: text("department_id")
      .notNull()
      .references(() => departments.id),
    site: text("site").notNull(),
    supplier: text("supplier").notNull(),
    purchaseDate: timestamp("purchase_date", { withTimezone: true }).notNull(),
    purchasePriceFen: bigint("purchase_price_fen", { mode: "bigint" }).notNull(),
    holdsData: boolean("holds_data").notNull(),
    status: text("status").$type<EquipmentStatusName>().notNull().default("IN_SERVICE"),
    procurementRequestId: text("procurement_request_id"),
    /** Last scheduled maintenance, or commissioning; the next one falls due a plan interval later. */
    lastMaintainedAt: timestamp("last_maintained_at", { withTimezone: true }).notNull(),
    /** Null when its type has no maintenance plan. */
    nextMaintenanceDueAt: timestamp("next_maintenance_due_at", { withTimezone: true }),
    /** Set once by the overdue watch for the current due date, so that the breach is announced once. */
    overdueFlaggedAt: timestamp("overdue_flagged_at", { withTimezone: true }),
    registeredById: text("registered_by_id")
      .notNull()
      .references(() => staff.id),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull(),
    scrappedAt: timestamp("scrapped_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("equipment_registered_idx").on(t.registeredAt, t.id),
    index("equipment_due_idx")
      .on(t.nextMaintenanceDueAt)
      .where(sql`status <> 'SCRAPPED'`),
  ],
);
export type EquipmentRow = typeof equipment.$inferSelect;

/** Maintenance plan (维护计划) of one equipment type: scheduled maintenance every `intervalDays`. */
export const maintenancePlans = pgTable("equipment_maintenance_plans", {
  id: text("id").primaryKey(),
  equipmentType: text("equipment_type").$type<EquipmentTypeName>().notNull().unique(),
  intervalDays: integer("interval_days").notNull(),
  checklist: text("checklist").notNull(),
  updatedById: text("updated_by_id")
    .notNull()
    .references(() => staff.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type MaintenancePlanRow = typeof maintenancePlans.$inferSelect;

/** A maintenance record (维护记录): scheduled or corrective, who did what, parts, cost (fen) and downtime. */
export const maintenanceRecords = pgTable(
  "equipment_maintenance_records",
  {
    id: text("id").primaryKey(),
    equipmentId: text("equipment_id")
      .notNull()
      .references(() => equipment.id),
    kind: text("kind").$type<MaintenanceKindName>().notNull(),
    performedAt: timestamp("performed_at", { withTimezone: true }).notNull(),
    performedById: text("performed_by_id")
      .notNull()
      .references(() => staff.id),
    work: text("work").notNull(),
    parts: text("parts").array().notNull().default([]),
    costFen: bigint("cost_fen", { mode: "bigint" }).notNull(),
    downtimeMinutes: integer("downtime_minutes").notNull(),
    faultId: text("fault_id"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("equipment_maintenance_records_idx").on(t.equipmentId, t.performedAt), index("equipment_maintenance_period_idx").on(t.performedAt)],
);
export type MaintenanceRecordRow = typeof maintenanceRecords.$inferSelect;

/**
 * A fault report (故障报告). On equipment that serves customers it may raise a reception exception
 * (chapter 3) and a system-outage emergency incident (chapter 12); both ids are kept here, and the
 * other side finds the fault by them.
 */
export const equipmentFaults = pgTable(
  "equipment_faults",
  {
    id: text("id").primaryKey(),
    equipmentId: text("equipment_id")
      .notNull()
      .references(() => equipment.id),
    description: text("description").notNull(),
    status: text("status").$type<FaultStatusName>().notNull().default("OPEN"),
    reportedById: text("reported_by_id")
      .notNull()
      .references(() => staff.id),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    receptionExceptionId: text("reception_exception_id"),
    emergencyIncidentId: text("emergency_incident_id"),
    repairedAt: timestamp("repaired_at", { withTimezone: true }),
    repairRecordId: text("repair_record_id"),
  },
  (t) => [
    index("equipment_faults_equipment_idx").on(t.equipmentId, t.reportedAt),
    index("equipment_faults_incident_idx").on(t.emergencyIncidentId),
    index("equipment_faults_exception_idx").on(t.receptionExceptionId),
    uniqueIndex("equipment_faults_one_open")
      .on(t.equipmentId)
      .where(sql`status = 'OPEN'`),
  ],
);
export type EquipmentFaultRow = typeof equipmentFaults.$inferSelect;
