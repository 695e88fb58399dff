/**
 * Facilities and equipment (设施设备管理, manual chapter 10): the register with its lifecycle as data,
 * maintenance plans per type with scheduled and corrective records and an overdue watch, fault reports
 * that on customer-facing equipment raise a reception exception and a system-outage incident (linked
 * all ways; the incident shows `equipmentFaults`), procurement with finance approval (two approvers
 * above PROCUREMENT_SECOND_APPROVAL_FEN) and partial receipts, and scrapping with maker-checker
 * approval and a recorded data wipe before a data-holding device is disposed of.
 */
// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { Equipment } from "./equipment.type";
// ---- end of public surface ----

import { defineModule } from "../../core/module";
import { accessRules } from "./equipment.access";
import { EquipmentDowntimeResolver, EquipmentResolver, MaintenanceRecordResolver } from "./equipment.resolver";
import { equipment, equipmentFaults, maintenancePlans, maintenanceRecords } from "./equipment.table";
import { EmergencyIncidentEquipmentResolver, EquipmentFaultResolver, VisitExceptionEquipmentResolver } from "./fault.resolver";
import { EQUIPMENT_TOPIC } from "./fault.service";
import { maintenanceOverdueJob } from "./maintenance-overdue.job";
import { ProcurementReceiptResolver, ProcurementResolver, ScrapResolver } from "./procurement.resolver";
import { procurementRequests, scrapRequests } from "./procurement.table";

export const equipmentModule = defineModule({
  name: "equipment",
  needs: ["organisation", "accounts", "reception", "incidents", "emergency"],
  resolvers: [
    EquipmentResolver,
    MaintenanceRecordResolver,
    EquipmentDowntimeResolver,
    EquipmentFaultResolver,
    EmergencyIncidentEquipmentResolver,
    VisitExceptionEquipmentResolver,
    ProcurementResolver,
    ProcurementReceiptResolver,
    ScrapResolver,
  ],
  // Who sees them is the read rule of each type (equipment.access.ts).
  nodeKinds: {
    eqp: { typename: "Equipment", load: (ctx, id) => ctx.loaders.of(equipment).load(id) },
    eqpln: { typename: "MaintenancePlan", load: (ctx, id) => ctx.loaders.of(maintenancePlans).load(id) },
    eqmr: { typename: "MaintenanceRecord", load: (ctx, id) => ctx.loaders.of(maintenanceRecords).load(id) },
    eqflt: { typename: "EquipmentFault", load: (ctx, id) => ctx.loaders.of(equipmentFaults).load(id) },
    eqpro: { typename: "ProcurementRequest", load: (ctx, id) => ctx.loaders.of(procurementRequests).load(id) },
    eqscr: { typename: "ScrapRequest", load: (ctx, id) => ctx.loaders.of(scrapRequests).load(id) },
  },
  access: accessRules.rules,
  jobs: [maintenanceOverdueJob],
  topics: [EQUIPMENT_TOPIC],
  api: {},
});
