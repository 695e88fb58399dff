import "./security.access";
import { registerNodeKind } from "../../shared/node";
import { securityPolicies, securityPolicyVersions } from "./policy.table";
import { SecurityIncidentResolver, SecurityPolicyResolver } from "./security.resolver";
import { securityIncidents } from "./security-incident.table";
import "./regulator-deadline.job";

registerNodeKind("spo", { typename: "SecurityPolicy", load: (ctx, id) => ctx.loaders.of(securityPolicies).load(id) });
registerNodeKind("spv", { typename: "SecurityPolicyVersion", load: (ctx, id) => ctx.loaders.of(securityPolicyVersions).load(id) });
// Who sees an incident is its read rule (security.access.ts).
registerNodeKind("sin", { typename: "SecurityIncident", load: (ctx, id) => ctx.loaders.of(securityIncidents).load(id) });

export const resolvers = [SecurityPolicyResolver, SecurityIncidentResolver] as const;
