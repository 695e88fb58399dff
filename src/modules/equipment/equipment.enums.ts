import { registerEnumType } from "type-graphql";
import { EQUIPMENT_STATUSES, EQUIPMENT_TYPES, FAULT_STATUSES, MAINTENANCE_KINDS, PROCUREMENT_STATUSES, SCRAP_STATUSES } from "./equipment.states";

const asEnum = <T extends readonly string[]>(values: T) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const EquipmentType = asEnum(EQUIPMENT_TYPES);
registerEnumType(EquipmentType, {
  name: "EquipmentType",
  description: "Kind of equipment (设备类型), chapter 10.1.",
  valuesConfig: {
    QUEUE_MACHINE: { description: "Queue ticket machine (排队机); serves customers." },
    ATM: { description: "Automated teller machine (自动柜员机); serves customers." },
    TELLER_TERMINAL: { description: "Teller terminal (柜员终端); serves customers." },
    CASH_COUNTER: { description: "Cash counting machine (点钞机)." },
    CCTV: { description: "Surveillance camera (监控设备)." },
    PC: { description: "Personal computer (电脑)." },
    PRINTER: { description: "Printer (打印机)." },
  },
});

export const EquipmentStatus = asEnum(EQUIPMENT_STATUSES);
registerEnumType(EquipmentStatus, {
  name: "EquipmentStatus",
  description: "Where a device stands (设备状态), chapter 10.1.",
  valuesConfig: {
    IN_SERVICE: { description: "In service (在用)." },
    UNDER_MAINTENANCE: { description: "Under maintenance (维护中)." },
    FAULTY: { description: "Faulty (故障): an open fault report." },
    SCRAPPED: { description: "Scrapped and disposed of (已报废); final." },
  },
});

export const MaintenanceKind = asEnum(MAINTENANCE_KINDS);
registerEnumType(MaintenanceKind, {
  name: "MaintenanceKind",
  description: "Kind of maintenance (维护类型), chapter 10.2.",
  valuesConfig: {
    SCHEDULED: { description: "Scheduled maintenance by the type's plan (定期维护); restarts the interval." },
    CORRECTIVE: { description: "Corrective maintenance, a repair (故障维修); may close an open fault." },
  },
});

export const FaultStatus = asEnum(FAULT_STATUSES);
registerEnumType(FaultStatus, {
  name: "FaultStatus",
  description: "Where a fault report stands (故障状态), chapter 10.2.",
  valuesConfig: { OPEN: { description: "Reported, not yet repaired." }, REPAIRED: { description: "Repaired by a corrective maintenance." } },
});

export const ProcurementStatus = asEnum(PROCUREMENT_STATUSES);
registerEnumType(ProcurementStatus, {
  name: "ProcurementStatus",
  description: "Where a procurement request stands (采购状态), chapter 10.3.",
  valuesConfig: {
    REQUESTED: { description: "Requested, awaiting finance approval (待审批)." },
    AWAITING_SECOND_APPROVAL: { description: "Approved once; above the threshold a second approver decides." },
    APPROVED: { description: "Approved (已批准), not yet ordered." },
    REJECTED: { description: "Rejected (已驳回); final." },
    ORDERED: { description: "Ordered from the supplier (已下单)." },
    PARTIALLY_RECEIVED: { description: "Part of the quantity received (部分到货)." },
    RECEIVED: { description: "The whole quantity received (已到货); final." },
  },
});

export const ScrapStatus = asEnum(SCRAP_STATUSES);
registerEnumType(ScrapStatus, {
  name: "ScrapStatus",
  description: "Where a scrapping request stands (报废状态), chapter 10.4.",
  valuesConfig: {
    REQUESTED: { description: "Requested, awaiting a second person's approval." },
    APPROVED: { description: "Approved; a device that holds data needs its wipe recorded before disposal." },
    REJECTED: { description: "Rejected; final." },
    DISPOSED: { description: "Disposed of (已处置); the device is scrapped. Final." },
  },
});
