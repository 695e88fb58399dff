import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staff } from "../organisation";
import type { EquipmentTypeName, ProcurementStatusName, ScrapStatusName } from "./equipment.states";
import { equipment } from "./equipment.table";

/** A procurement request (采购申请), chapter 10: item, quantity, estimated cost (fen), reason; approvals and receipts. */
export const procurementRequests = pgTable(
  "equipment_procurement_requests",
  {
    id: text("id").primaryKey(),
    item: text("item").notNull(),
    equipmentType: text("equipment_type").$type<EquipmentTypeName>().notNull(),
    quantity: integer("quantity").notNull(),
    estimatedCostFen: bigint("estimated_cost_fen", { mode: "bigint" }).notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<ProcurementStatusName>().notNull().default("REQUESTED"),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => staff.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    /** Whether the estimate exceeded the threshold when requested: two approvers are needed. */
    needsSecondApproval: boolean("needs_second_approval").notNull(),
    firstApproverId: text("first_approver_id").references(() => staff.id),
    firstApprovedAt: timestamp("first_approved_at", { withTimezone: true }),
    secondApproverId: text("second_approver_id").references(() => staff.id),
    secondApprovedAt: timestamp("second_approved_at", { withTimezone: true }),
    rejectedById: text("rejected_by_id").references(() => staff.id),
    rejectedReason: text("rejected_reason"),
    supplier: text("supplier"),
    orderReference: text("order_reference"),
    orderedAt: timestamp("ordered_at", { withTimezone: true }),
    receivedQuantity: integer("received_quantity").notNull().default(0),
    registeredQuantity: integer("registered_quantity").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("equipment_procurement_requested_idx").on(t.requestedAt, t.id),
    check("equipment_procurement_received_le_ordered", sql`${t.receivedQuantity} <= ${t.quantity} AND ${t.registeredQuantity} <= ${t.receivedQuantity}`),
    check(
      "equipment_procurement_four_eyes",
      sql`${t.firstApproverId} IS DISTINCT FROM ${t.requestedById} AND ${t.secondApproverId} IS DISTINCT FROM ${t.requestedById}`,
    ),
  ],
);
export type ProcurementRequestRow = typeof procurementRequests.$inferSelect;

/** One delivery against an order (到货验收); the database never lets receipts exceed the quantity ordered. */
export const procurementReceipts = pgTable("equipment_procurement_receipts", {
  id: text("id").primaryKey(),
  requestId: text("request_id")
    .notNull()
    .references(() => procurementRequests.id),
  quantity: integer("quantity").notNull(),
  receivedById: text("received_by_id")
    .notNull()
    .references(() => staff.id),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  note: text("note"),
});
export type ProcurementReceiptRow = typeof procurementReceipts.$inferSelect;

/** A scrapping request (设备报废), chapter 10: maker-checker approval, data wipe for data devices, disposal. */
export const scrapRequests = pgTable(
  "equipment_scrap_requests",
  {
    id: text("id").primaryKey(),
    equipmentId: text("equipment_id")
      .notNull()
      .references(() => equipment.id),
    reason: text("reason").notNull(),
    status: text("status").$type<ScrapStatusName>().notNull().default("REQUESTED"),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => staff.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedById: text("decided_by_id").references(() => staff.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectedReason: text("rejected_reason"),
    /** The data wipe (数据清除): method, who, when, witness; required before disposal of a device that holds data. */
    wipeMethod: text("wipe_method"),
    wipedById: text("wiped_by_id").references(() => staff.id),
    wipedAt: timestamp("wiped_at", { withTimezone: true }),
    wipeWitnessId: text("wipe_witness_id").references(() => staff.id),
    wipeRecordedAt: timestamp("wipe_recorded_at", { withTimezone: true }),
    disposalMethod: text("disposal_method"),
    disposedById: text("disposed_by_id").references(() => staff.id),
    disposedAt: timestamp("disposed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("equipment_scrap_requested_idx").on(t.requestedAt, t.id),
    check("equipment_scrap_four_eyes", sql`${t.decidedById} IS DISTINCT FROM ${t.requestedById}`),
    uniqueIndex("equipment_scrap_one_open")
      .on(t.equipmentId)
      .where(sql`status in ('REQUESTED', 'APPROVED')`),
  ],
);
export type ScrapRequestRow = typeof scrapRequests.$inferSelect;
