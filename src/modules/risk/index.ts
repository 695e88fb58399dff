// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { RISK_TOPIC } from "./risk.events";
// ---- end of public surface ----

import { ComplaintRisksResolver, EmergencyIncidentRisksResolver, SecurityIncidentRisksResolver } from "./risk.links";
import { defineModule } from "../../core/module";
import { ledgerPostingObservers } from "../accounts";
import { accessRules } from "./risk.access";
import { RiskAlertEventResolver } from "./alert.events";
import { LargeValueReportResolver, RiskAlertResolver, SuspiciousReportResolver } from "./alert.resolver";
import { controlWatchJob } from "./control.watch";
import { observePosting } from "./monitor.service";
import { largeValueReports, riskAlerts, suspiciousReports } from "./monitoring.table";
import { RiskControlResolver, RiskResolver } from "./risk.resolver";
import { riskControls, risks } from "./risk.table";

/** Risk management (风险管理), manual chapter 5: the risk register, transaction monitoring of every posting, alerts and reports. */
export const riskModule = defineModule({
  name: "risk",
  needs: ["organisation", "customers", "accounts", "complaints", "emergency", "security"],
  resolvers: [
    RiskResolver,
    RiskControlResolver,
    RiskAlertResolver,
    LargeValueReportResolver,
    SuspiciousReportResolver,
    RiskAlertEventResolver,
    ComplaintRisksResolver,
    EmergencyIncidentRisksResolver,
    SecurityIncidentRisksResolver,
  ],
  // Who sees them is the read rule of each type (risk.access.ts).
  nodeKinds: {
    rsk: { typename: "Risk", load: (ctx, id) => ctx.loaders.of(risks).load(id) },
    rct: { typename: "RiskControl", load: (ctx, id) => ctx.loaders.of(riskControls).load(id) },
    ral: { typename: "RiskAlert", load: (ctx, id) => ctx.loaders.of(riskAlerts).load(id) },
    lvr: { typename: "LargeValueReport", load: (ctx, id) => ctx.loaders.of(largeValueReports).load(id) },
    str: { typename: "SuspiciousTransactionReport", load: (ctx, id) => ctx.loaders.of(suspiciousReports).load(id) },
  },
  access: accessRules.rules,
  // High and critical risks without an active control, or with an overdue one, are flagged with an event.
  jobs: [controlWatchJob],
  topics: ["RISK"],
  // Every ledger posting is judged inside its own transaction (monitor.service.ts).
  provides: [ledgerPostingObservers.contribute(observePosting)],
  api: {},
});
