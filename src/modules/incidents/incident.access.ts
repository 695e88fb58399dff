import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { SEE_ALL_EMERGENCIES } from "../emergency";
import { scopeWith } from "../organisation";
import { SEE_ALL_SECURITY_INCIDENTS } from "../security";
import { loadVisibleIncident } from "./incident.union";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// A link is seen by whoever sees its incident (the incident's own rule decides); those who see every
// incident of both kinds see every link.
const SEE_ALL = SEE_ALL_EMERGENCIES.filter((p) => SEE_ALL_SECURITY_INCIDENTS.includes(p));

accessRules.add<Context, { incidentId: string }>({
  typename: "IncidentLink",
  scope: scopeWith(SEE_ALL, "own"),
  meaning: { own: "links of the incidents they see" },
  visible: async (ctx, row) => typeof row.incidentId === "string" && (await loadVisibleIncident(ctx, row.incidentId)) !== null,
});
