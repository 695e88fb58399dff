// Ports first: they must exist before anything below can reach back into this half-loaded index.
export { improvementActionRaiser, type ImprovementActionDraft } from "./emergency.ports";
// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { SEVERITIES } from "./drill.table";
export { DrillFinding } from "./drill.type";
export { DrillFindingPayload } from "./emergency.payloads";
export { ResponseLevel, Severity } from "./emergency.enums";
export { canHandleEmergency, canSeeAllEmergencies, canSeeEmergency, SEE_ALL_EMERGENCIES } from "./emergency.policy";
export { emergencyIncidents } from "./incident.table";
export { reportIncidentWithin } from "./incident.service";
export { EmergencyIncident } from "./incident.type";
export { CreatedOrder } from "./plan.inputs";
export { oneOf } from "./plan.service";
// ---- end of public surface ----

import { accessRules } from "./emergency.access";
import type { ApiPort } from "../../core/api-port";
import { defineModule } from "../../core/module";
import { EmergencyDrillResolver } from "./drill.resolver";
import { drillFindings, emergencyDrills } from "./drill.table";
import { improvementActionRaiser } from "./emergency.ports";
import { EmergencyIncidentResolver, EmergencyIncidentStepResolver, IncidentTimelineEntryResolver } from "./incident.resolver";
import { emergencyIncidents } from "./incident.table";
import { EmergencyPlanResolver, EmergencyPlanStepResolver } from "./plan.resolver";
import { emergencyPlans } from "./plan.table";

/** Emergency plans and incidents (应急预案与突发事件处理), manual chapter 12. */
export const emergencyModule = defineModule({
  name: "emergency",
  needs: ["organisation", "incidents"],
  resolvers: [
    EmergencyPlanResolver,
    EmergencyPlanStepResolver,
    EmergencyDrillResolver,
    EmergencyIncidentResolver,
    EmergencyIncidentStepResolver,
    IncidentTimelineEntryResolver,
  ],
  // Plans and drills are read by every member: everyone must know what to do in an
  // emergency. Who sees an incident is its read rule (emergency.access.ts).
  nodeKinds: {
    epl: { typename: "EmergencyPlan", load: (ctx, id) => ctx.loaders.of(emergencyPlans).load(id) },
    edr: { typename: "EmergencyDrill", load: (ctx, id) => ctx.loaders.of(emergencyDrills).load(id) },
    dfn: { typename: "DrillFinding", load: (ctx, id) => ctx.loaders.of(drillFindings).load(id) },
    ein: { typename: "EmergencyIncident", load: (ctx, id) => ctx.loaders.of(emergencyIncidents).load(id) },
  },
  access: accessRules.rules,
  jobs: [],
  topics: [],
  api: {},
  // Improvement actions of drill findings and incident reports are kept by the service-quality module.
  requires: [improvementActionRaiser as ApiPort<unknown>],
});
