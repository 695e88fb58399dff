import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Department, Staff } from "../organisation";
import { departments, staff } from "../organisation";
import { EmergencyPlanPayload } from "./emergency.payloads";
import { CreatedOrder, EmergencyPlanApproveInput, EmergencyPlanDraftInput, EmergencyPlanFilter, EmergencyPlanRetireInput } from "./plan.inputs";
import * as service from "./plan.service";
import type { EmergencyPlanRow, PlanStep } from "./plan.table";
import { EmergencyPlan, EmergencyPlanStep } from "./plan.type";
import { canApprovePlan } from "./emergency.policy";

export const EmergencyPlanConnection = Connection(EmergencyPlan, "EmergencyPlan", "A page of emergency plan versions (应急预案).");

@Authorized()
@Resolver(() => EmergencyPlan)
export class EmergencyPlanResolver {
  @Query(() => EmergencyPlanConnection, {
    description: "Emergency plan versions (应急预案), chapter 12.1; every member may read them. Newest first unless ordered.",
  })
  emergencyPlans(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => EmergencyPlanFilter, { nullable: true, description: "Filters." }) filterBy?: EmergencyPlanFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return service.listPlans(ctx, filterBy, orderBy, args);
  }

  @FieldResolver(() => Department, { nullable: true, description: "Department the plan applies to; null for the whole center." })
  scopeDepartment(@Root() p: EmergencyPlanRow, @Ctx() ctx: Context) {
    return p.scopeDepartmentId ? ctx.loaders.of(departments).load(p.scopeDepartmentId) : null;
  }

  @FieldResolver(() => Staff, { description: "Who drafted the version." })
  author(@Root() p: EmergencyPlanRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(p.authorId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The supervisor who approved it." })
  approvedBy(@Root() p: EmergencyPlanRow, @Ctx() ctx: Context) {
    return p.approvedById ? ctx.loaders.of(staff).load(p.approvedById) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may approve this version (a draft, you a supervisor, not its author)." })
  viewerCanApprove(@Root() p: EmergencyPlanRow, @Ctx() ctx: Context): boolean {
    return p.status === "DRAFT" && !!ctx.viewer && canApprovePlan(ctx.viewer) && p.authorId !== ctx.viewer.id;
  }

  @Mutation(() => EmergencyPlanPayload, {
    description:
      "Drafts a new version of an emergency plan (supervisor, manager or security officer); its version number follows the last of its type and scope.",
  })
  emergencyPlanDraft(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: EmergencyPlanDraftInput) {
    return service.draftPlan(ctx, input);
  }

  @Mutation(() => EmergencyPlanPayload, {
    description: "Approves a draft (a supervisor who is not its author); the approved version of the same type and scope is retired as superseded.",
  })
  emergencyPlanApprove(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: EmergencyPlanApproveInput) {
    return service.approvePlan(ctx, input);
  }

  @Mutation(() => EmergencyPlanPayload, { description: "Retires a plan version (supervisor); a retired plan can no longer be activated or drilled." })
  emergencyPlanRetire(@Ctx() ctx: Context, @Arg("input", { description: "What to do." }) input: EmergencyPlanRetireInput) {
    return service.retirePlan(ctx, input);
  }
}

@Authorized()
@Resolver(() => EmergencyPlanStep)
export class EmergencyPlanStepResolver {
  @FieldResolver(() => Boolean, {
    description: "Whether an incident is contained only once this step is done, or skipped with a recorded reason (chapter 12.3).",
  })
  required(@Root() s: PlanStep): boolean {
    return s.required !== false;
  }
}
