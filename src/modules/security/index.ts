// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { securityIncidents } from "./security-incident.table";
export { canHandleSecurityIncident, canSeeAllSecurityIncidents, canSeeSecurityIncident, SEE_ALL_SECURITY_INCIDENTS } from "./security.policy";
export { SecurityIncident } from "./security.types";
// ---- end of public surface ----

import { accessRules } from "./security.access";
import { defineModule } from "../../core/module";
import { securityPolicies, securityPolicyVersions } from "./policy.table";
import { regulatorDeadlineJob } from "./regulator-deadline.job";
import { SecurityIncidentResolver, SecurityPolicyResolver } from "./security.resolver";
import { securityIncidents } from "./security-incident.table";

/** Information security and confidentiality (信息安全与保密), manual chapter 11. */
export const securityModule = defineModule({
  name: "security",
  needs: ["organisation", "customers", "emergency", "incidents"],
  resolvers: [SecurityPolicyResolver, SecurityIncidentResolver],
  // Who sees an incident is its read rule (security.access.ts).
  nodeKinds: {
    spo: { typename: "SecurityPolicy", load: (ctx, id) => ctx.loaders.of(securityPolicies).load(id) },
    spv: { typename: "SecurityPolicyVersion", load: (ctx, id) => ctx.loaders.of(securityPolicyVersions).load(id) },
    sin: { typename: "SecurityIncident", load: (ctx, id) => ctx.loaders.of(securityIncidents).load(id) },
  },
  access: accessRules.rules,
  jobs: [regulatorDeadlineJob],
  topics: [],
  api: {},
});
