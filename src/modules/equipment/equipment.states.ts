import { StateMachine } from "../../shared/state-machine";

/** Kinds of equipment in the register (设备台账), manual chapter 10.1. */
export const EQUIPMENT_TYPES = ["QUEUE_MACHINE", "ATM", "TELLER_TERMINAL", "CASH_COUNTER", "CCTV", "PC", "PRINTER"] as const;
export type EquipmentTypeName = (typeof EQUIPMENT_TYPES)[number];

/** Equipment that serves customers: a fault on it can raise a reception exception and an emergency incident. */
export const CUSTOMER_FACING: readonly EquipmentTypeName[] = ["QUEUE_MACHINE", "ATM", "TELLER_TERMINAL"];

export const EQUIPMENT_STATUSES = ["IN_SERVICE", "UNDER_MAINTENANCE", "FAULTY", "SCRAPPED"] as const;
export type EquipmentStatusName = (typeof EQUIPMENT_STATUSES)[number];

/** The equipment lifecycle as data (chapter 10): scrapped is final, reached only by disposal. */
export const equipmentLifecycle = new StateMachine<EquipmentStatusName>("Equipment", {
  IN_SERVICE: ["UNDER_MAINTENANCE", "FAULTY", "SCRAPPED"],
  UNDER_MAINTENANCE: ["IN_SERVICE", "FAULTY", "SCRAPPED"],
  FAULTY: ["UNDER_MAINTENANCE", "IN_SERVICE", "SCRAPPED"],
  SCRAPPED: [],
});

export const MAINTENANCE_KINDS = ["SCHEDULED", "CORRECTIVE"] as const;
export type MaintenanceKindName = (typeof MAINTENANCE_KINDS)[number];

export const FAULT_STATUSES = ["OPEN", "REPAIRED"] as const;
export type FaultStatusName = (typeof FAULT_STATUSES)[number];

export const PROCUREMENT_STATUSES = ["REQUESTED", "AWAITING_SECOND_APPROVAL", "APPROVED", "REJECTED", "ORDERED", "PARTIALLY_RECEIVED", "RECEIVED"] as const;
export type ProcurementStatusName = (typeof PROCUREMENT_STATUSES)[number];

/** Procurement (设备采购), chapter 10: request → finance approval (a second above the threshold) → ordered → received. */
export const procurementLifecycle = new StateMachine<ProcurementStatusName>("ProcurementRequest", {
  REQUESTED: ["AWAITING_SECOND_APPROVAL", "APPROVED", "REJECTED"],
  AWAITING_SECOND_APPROVAL: ["APPROVED", "REJECTED"],
  APPROVED: ["ORDERED"],
  REJECTED: [],
  ORDERED: ["PARTIALLY_RECEIVED", "RECEIVED"],
  PARTIALLY_RECEIVED: ["PARTIALLY_RECEIVED", "RECEIVED"],
  RECEIVED: [],
});

export const SCRAP_STATUSES = ["REQUESTED", "APPROVED", "REJECTED", "DISPOSED"] as const;
export type ScrapStatusName = (typeof SCRAP_STATUSES)[number];

/** Scrapping (设备报废), chapter 10: request → approval by a second person → (data wipe) → disposed. */
export const scrapLifecycle = new StateMachine<ScrapStatusName>("ScrapRequest", {
  REQUESTED: ["APPROVED", "REJECTED"],
  APPROVED: ["DISPOSED"],
  REJECTED: [],
  DISPOSED: [],
});
