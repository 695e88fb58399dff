import { AccessRuleSet } from "../../core/access";
import { OPEN_TO_ALL, scopeWith } from "../organisation";
import { READ_PROCUREMENT, READ_SCRAP } from "./equipment.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// The register, its maintenance and its faults are read by every member: anyone on the floor reports a
// broken machine and needs to know whether it is known and when it was last serviced.
accessRules.add({ typename: "Equipment", scope: OPEN_TO_ALL });
accessRules.add({ typename: "MaintenanceRecord", scope: OPEN_TO_ALL });
accessRules.add({ typename: "EquipmentFault", scope: OPEN_TO_ALL });
accessRules.add({ typename: "MaintenancePlan", scope: OPEN_TO_ALL });
// Money and approvals: equipment, finance, head office and supervisors.
accessRules.add({ typename: "ProcurementRequest", scope: scopeWith(READ_PROCUREMENT, "none") });
// Disposals and data wipes: equipment, finance, supervisors and information security.
accessRules.add({ typename: "ScrapRequest", scope: scopeWith(READ_SCRAP, "none") });
