// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { ImprovementAction } from "./improvement.type";
export { improvementActions } from "./improvement.table";
export { runTrendWatch } from "./trend.job";
// ---- end of public surface ----

import { defineModule } from "../../core/module";
import { improvementActionRaiser } from "../emergency";
import { raiseActions } from "./improvement.service";
import { improvementActions } from "./improvement.table";
import {
  ComplaintActionsResolver,
  DrillFindingActionsResolver,
  DrillFindingPayloadActionsResolver,
  ImprovementActionResolver,
  IncidentActionsResolver,
  InspectionActionsResolver,
} from "./improvement.resolver";
import { QualityInspectionResolver } from "./inspection.resolver";
import { qualityInspections } from "./inspection.table";
import { KpiReportResolver } from "./kpi.resolver";
import { accessRules } from "./quality.access";
import { ComplaintSurveyResolver, SatisfactionSurveyResolver, VisitSurveyResolver } from "./survey.resolver";
import { satisfactionSurveys } from "./survey.table";
import { trendWatchJob } from "./trend.job";
import { ComplaintTrendRuleResolver } from "./trend.resolver";

/**
 * Service quality (服务质量管理), manual chapter 8: KPIs computed from visits, complaints and surveys
 * with targets as data; satisfaction surveys; quality inspections with one contest; one kind of
 * improvement action for every source, with its effect measured. Emergency's drills and incident
 * reports raise their actions through the port emergency declares (`improvementActionRaiser`).
 */
export const qualityModule = defineModule({
  name: "quality",
  needs: ["organisation", "reception", "complaints", "emergency"],
  resolvers: [
    KpiReportResolver,
    SatisfactionSurveyResolver,
    VisitSurveyResolver,
    ComplaintSurveyResolver,
    QualityInspectionResolver,
    ImprovementActionResolver,
    DrillFindingActionsResolver,
    DrillFindingPayloadActionsResolver,
    IncidentActionsResolver,
    ComplaintActionsResolver,
    InspectionActionsResolver,
    ComplaintTrendRuleResolver,
  ],
  // Who sees them is the read rule of each type (quality.access.ts). `imp` ids predate this module.
  nodeKinds: {
    imp: { typename: "ImprovementAction", load: (ctx, id) => ctx.loaders.of(improvementActions).load(id) },
    svy: { typename: "SatisfactionSurvey", load: (ctx, id) => ctx.loaders.of(satisfactionSurveys).load(id) },
    qin: { typename: "QualityInspection", load: (ctx, id) => ctx.loaders.of(qualityInspections).load(id) },
  },
  access: accessRules.rules,
  jobs: [trendWatchJob],
  topics: [],
  api: {},
  provides: [improvementActionRaiser.provide((m, sourceType, sourceId, list, field) => raiseActions(m, sourceType, sourceId, list, field))],
});
