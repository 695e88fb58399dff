import { registerAccessRule } from "../../core/access";
import type { Context } from "../../core/context";
import { OPEN_TO_ALL, scopeWith } from "../organisation";
import { SEE_ALL_EMERGENCIES, canSeeEmergency } from "./emergency.policy";

// Plans, drills and their actions are read by every member: everyone must know what to do in an emergency.
registerAccessRule({ typename: "EmergencyPlan", scope: OPEN_TO_ALL });
registerAccessRule({ typename: "EmergencyDrill", scope: OPEN_TO_ALL });
registerAccessRule({ typename: "DrillFinding", scope: OPEN_TO_ALL });
registerAccessRule({ typename: "ImprovementAction", scope: OPEN_TO_ALL });

registerAccessRule<Context, { reporterId: string }>({
  typename: "EmergencyIncident",
  scope: scopeWith(SEE_ALL_EMERGENCIES, "own"),
  meaning: { own: "incidents they reported" },
  visible: (ctx, row) => typeof row.reporterId === "string" && canSeeEmergency(ctx.viewer!, row),
});
