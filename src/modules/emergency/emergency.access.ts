import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { OPEN_TO_ALL, scopeWith } from "../organisation";
import { SEE_ALL_EMERGENCIES, canSeeEmergency } from "./emergency.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Plans and drills are read by every member: everyone must know what to do in an emergency.
accessRules.add({ typename: "EmergencyPlan", scope: OPEN_TO_ALL });
accessRules.add({ typename: "EmergencyDrill", scope: OPEN_TO_ALL });
accessRules.add({ typename: "DrillFinding", scope: OPEN_TO_ALL });

accessRules.add<Context, { reporterId: string }>({
  typename: "EmergencyIncident",
  scope: scopeWith(SEE_ALL_EMERGENCIES, "own"),
  meaning: { own: "incidents they reported" },
  visible: (ctx, row) => typeof row.reporterId === "string" && canSeeEmergency(ctx.viewer!, row),
});
