import { AccessRuleSet } from "../../core/access";
import type { Context } from "../../core/context";
import { OPEN_TO_ALL, scopeWith } from "../organisation";
import { SEE_ALL_SECURITY_INCIDENTS, canSeeSecurityIncident } from "./security.policy";

/** This module's read rules, part of its definition (`access`). */
export const accessRules = new AccessRuleSet();

// Policies are read by all staff (they must acknowledge them, chapter 11.1).
accessRules.add({ typename: "SecurityPolicy", scope: OPEN_TO_ALL });
accessRules.add({ typename: "SecurityPolicyVersion", scope: OPEN_TO_ALL });

accessRules.add<Context, { reporterId: string }>({
  typename: "SecurityIncident",
  scope: scopeWith(SEE_ALL_SECURITY_INCIDENTS, "own"),
  meaning: { own: "incidents they reported" },
  visible: (ctx, row) => typeof row.reporterId === "string" && canSeeSecurityIncident(ctx.viewer!, row),
});
