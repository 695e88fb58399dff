import { defineModule } from "../../core/module";
import { requireViewer } from "../../shared/viewer";
import { securityPolicies, securityPolicyVersions } from "./policy.table";
import { regulatorDeadlineJob } from "./regulator-deadline.job";
import { canSeeSecurityIncident } from "./security.policy";
import { SecurityIncidentResolver, SecurityPolicyResolver } from "./security.resolver";
import { securityIncidents } from "./security-incident.table";

/** Information security and confidentiality (信息安全与保密), manual chapter 11. */
export const securityModule = defineModule({
  name: "security",
  needs: ["organisation", "customers", "emergency", "incidents"],
  resolvers: [SecurityPolicyResolver, SecurityIncidentResolver],
  nodeKinds: {
    spo: { typename: "SecurityPolicy", load: (ctx, id) => ctx.loaders.of(securityPolicies).load(id) },
    spv: { typename: "SecurityPolicyVersion", load: (ctx, id) => ctx.loaders.of(securityPolicyVersions).load(id) },
    sin: {
      typename: "SecurityIncident",
      load: async (ctx, id) => {
        const row = await ctx.loaders.of(securityIncidents).load(id);
        return row && canSeeSecurityIncident(requireViewer(ctx), row) ? row : null;
      },
    },
  },
  jobs: [regulatorDeadlineJob],
  topics: [],
  api: {},
});
