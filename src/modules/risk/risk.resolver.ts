import { asc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Customer, customers } from "../customers";
import { CreatedOrder } from "../emergency";
import { Department, Staff, departments, staff } from "../organisation";
import { RiskAlert } from "./alert.type";
import { riskAlerts } from "./monitoring.table";
import * as register from "./register.service";
import { RiskControlAddInput, RiskControlSetStatusInput, RiskFilter, RiskReassessInput, RiskRegisterInput } from "./risk.inputs";
import { RiskControlPayload, RiskPayload } from "./risk.payloads";
import { businessDate } from "./risk.scoring";
import { type RiskControlRow, type RiskRow, riskControls, risks } from "./risk.table";
import { Risk, RiskAssessment, RiskControl, RiskHeatMapCell } from "./risk.type";

export const RiskConnection = Connection(Risk, "Risk", "A page of the risk register (风险登记册).");
const WHAT = { description: "What to do." };

@Authorized()
@Resolver(() => Risk)
export class RiskResolver {
  @Query(() => RiskConnection, { description: "The risk register (风险登记册), manual chapter 5 (risk officers, supervisors, head-office senior)." })
  risks(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => RiskFilter, { nullable: true, description: "Filters." }) filterBy?: RiskFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return register.listRisks(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @Query(() => Risk, { nullable: true, description: "One risk by id; null when missing or not yours to see." })
  risk(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The risk's id." }) id: string) {
    return ctx.loaders.of(risks).load(id);
  }

  @Query(() => [RiskHeatMapCell], {
    description: "Risk heat map (风险热力图): open risks per likelihood × impact cell (all 25), for a department and the period they were identified in.",
  })
  riskHeatMap(
    @Ctx() ctx: Context,
    @Arg("departmentId", () => ID, { nullable: true, description: "Only this department (default: all)." }) departmentId?: string,
    @Arg("from", () => Date, { nullable: true, description: "Identified at or after." }) from?: Date,
    @Arg("to", () => Date, { nullable: true, description: "Identified before." }) to?: Date,
  ) {
    return register.heatMap(ctx, departmentId, from, to);
  }

  @FieldResolver(() => [RiskAssessment], { description: "Assessment history, oldest first (the first is the registration's)." })
  assessments(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return register.assessmentsOf(ctx, r.id);
  }

  @FieldResolver(() => [RiskControl], { description: "Control measures, oldest first." })
  controls(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(riskControls).where(eq(riskControls.riskId, r.id)).orderBy(asc(riskControls.createdAt), asc(riskControls.id));
  }

  @FieldResolver(() => RiskAlert, { nullable: true, description: "The risk alert it was confirmed from (source TRANSACTION_MONITORING)." })
  alert(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return r.source === "TRANSACTION_MONITORING" && r.sourceId ? ctx.loaders.of(riskAlerts).load(r.sourceId) : null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer concerned, if any (a confirmed alert's customer)." })
  customer(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return r.customerId ? ctx.loaders.of(customers).load(r.customerId) : null;
  }

  @FieldResolver(() => Department, { description: "Department concerned." })
  department(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(r.departmentId);
  }

  @FieldResolver(() => Staff, { description: "Who registered it." })
  identifiedBy(@Root() r: RiskRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.identifiedById);
  }

  @Mutation(() => RiskPayload, { description: "Registers a risk (风险识别) with its source and first assessment (risk officer or supervisor)." })
  riskRegister(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskRegisterInput) {
    return register.registerRisk(ctx, input);
  }

  @Mutation(() => RiskPayload, { description: "Reassesses a risk (风险再评估); the history keeps every assessment (risk officer or supervisor)." })
  riskReassess(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskReassessInput) {
    return register.reassessRisk(ctx, input);
  }
}

@Authorized()
@Resolver(() => RiskControl)
export class RiskControlResolver {
  @FieldResolver(() => Staff, { description: "Owner (责任人)." })
  owner(@Root() c: RiskControlRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(c.ownerId);
  }

  @FieldResolver(() => Risk, { nullable: true, description: "The risk it controls." })
  risk(@Root() c: RiskControlRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(risks).load(c.riskId);
  }

  @FieldResolver(() => Boolean, { description: "Planned or active past its due date." })
  overdue(@Root() c: RiskControlRow, @Ctx() ctx: Context) {
    return (c.status === "PLANNED" || c.status === "ACTIVE") && c.dueDate < businessDate(ctx.clock.now());
  }

  @Mutation(() => RiskControlPayload, { description: "Adds a control measure (控制措施) with owner and due date to a risk (risk officer or supervisor)." })
  riskControlAdd(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskControlAddInput) {
    return register.addControl(ctx, input);
  }

  @Mutation(() => RiskControlPayload, { description: "Moves a control measure: PLANNED → ACTIVE → COMPLETED, or CANCELLED (risk officer or supervisor)." })
  riskControlSetStatus(@Ctx() ctx: Context, @Arg("input", WHAT) input: RiskControlSetStatusInput) {
    return register.setControlStatus(ctx, input);
  }
}
