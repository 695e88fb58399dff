import "./emergency.access";
import { registerNodeKind } from "../../shared/node";
import { DrillFindingResolver, EmergencyDrillResolver, ImprovementActionResolver } from "./drill.resolver";
import { drillFindings, emergencyDrills, improvementActions } from "./drill.table";
import { EmergencyIncidentResolver, EmergencyIncidentStepResolver, IncidentTimelineEntryResolver } from "./incident.resolver";
import { emergencyIncidents } from "./incident.table";
import { EmergencyPlanResolver } from "./plan.resolver";
import { emergencyPlans } from "./plan.table";

// Plans, drills and their actions are read by every member: everyone must know what to do in an emergency.
registerNodeKind("epl", { typename: "EmergencyPlan", load: (ctx, id) => ctx.loaders.of(emergencyPlans).load(id) });
registerNodeKind("edr", { typename: "EmergencyDrill", load: (ctx, id) => ctx.loaders.of(emergencyDrills).load(id) });
registerNodeKind("dfn", { typename: "DrillFinding", load: (ctx, id) => ctx.loaders.of(drillFindings).load(id) });
registerNodeKind("imp", { typename: "ImprovementAction", load: (ctx, id) => ctx.loaders.of(improvementActions).load(id) });
// Who sees an incident is its read rule (emergency.access.ts).
registerNodeKind("ein", { typename: "EmergencyIncident", load: (ctx, id) => ctx.loaders.of(emergencyIncidents).load(id) });

export const resolvers = [
  EmergencyPlanResolver,
  EmergencyDrillResolver,
  DrillFindingResolver,
  ImprovementActionResolver,
  EmergencyIncidentResolver,
  EmergencyIncidentStepResolver,
  IncidentTimelineEntryResolver,
] as const;
