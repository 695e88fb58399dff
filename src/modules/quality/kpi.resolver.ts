import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { requireViewer } from "../../shared/viewer";
import { Department, Staff, Team, departments, staff, teams } from "../organisation";
import { KpiScopeInput } from "./improvement.inputs";
import { KpiPeriodInput, KpiTargetSetInput } from "./kpi.inputs";
import * as service from "./kpi.service";
import { KpiDefinition, KpiReport, KpiTargetPayload } from "./kpi.type";

@Authorized()
@Resolver(() => KpiReport)
export class KpiReportResolver {
  @Query(() => [KpiDefinition], { description: "The KPI definitions (服务质量指标), manual chapter 8.1 (a short fixed list, not paginated)." })
  kpiDefinitions(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return service.definitions(ctx.database);
  }

  @Query(() => KpiReport, {
    description:
      "KPI report (服务质量指标报表) of a period and scope, manual chapter 8.1, computed from the recorded visits, complaints and surveys: one SQL statement for the definitions and targets, one per KPI.",
  })
  kpiReport(
    @Ctx() ctx: Context,
    @Arg("period", () => KpiPeriodInput, { description: "The period." }) period: KpiPeriodInput,
    @Arg("scope", () => KpiScopeInput, { nullable: true, description: "Department, team or member; none: the whole centre." }) scope?: KpiScopeInput,
  ) {
    return service.kpiReport(ctx, period, scope);
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department, for a department scope (or the team's or member's department)." })
  department(@Root() r: KpiReport, @Ctx() ctx: Context) {
    return r.departmentId ? ctx.loaders.of(departments).load(r.departmentId) : null;
  }

  @FieldResolver(() => Team, { nullable: true, description: "The team, for a team scope (or the member's team)." })
  team(@Root() r: KpiReport, @Ctx() ctx: Context) {
    return r.teamId ? ctx.loaders.of(teams).load(r.teamId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The member, for a member scope." })
  staffMember(@Root() r: KpiReport, @Ctx() ctx: Context) {
    return r.staffId ? ctx.loaders.of(staff).load(r.staffId) : null;
  }

  @Mutation(() => KpiTargetPayload, {
    description: "Sets a KPI target (指标目标值) for a department or the centre (a supervisor for their department, the administrator or head-office senior).",
  })
  kpiTargetSet(@Ctx() ctx: Context, @Arg("input", { description: "What to set." }) input: KpiTargetSetInput) {
    return service.setTarget(ctx, input);
  }
}
