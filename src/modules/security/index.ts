import "./security.access";
import { registerNodeKind } from "../../shared/node";
import { requireViewer } from "../../shared/viewer";
import { securityPolicies, securityPolicyVersions } from "./policy.table";
import { canSeeSecurityIncident } from "./security.policy";
import { SecurityIncidentResolver, SecurityPolicyResolver } from "./security.resolver";
import { securityIncidents } from "./security-incident.table";
import "./regulator-deadline.job";

registerNodeKind("spo", { typename: "SecurityPolicy", load: (ctx, id) => ctx.loaders.of(securityPolicies).load(id) });
registerNodeKind("spv", { typename: "SecurityPolicyVersion", load: (ctx, id) => ctx.loaders.of(securityPolicyVersions).load(id) });
registerNodeKind("sin", {
  typename: "SecurityIncident",
  load: async (ctx, id) => {
    const row = await ctx.loaders.of(securityIncidents).load(id);
    return row && canSeeSecurityIncident(requireViewer(ctx), row) ? row : null;
  },
});

export const resolvers = [SecurityPolicyResolver, SecurityIncidentResolver] as const;
