import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Complaint } from "../complaints";
import { DrillFinding, DrillFindingPayload, EmergencyIncident } from "../emergency";
import { Staff, staff } from "../organisation";
import { effectOf } from "./improvement.effect";
import { ImprovementActionFilter, ImprovementActionRaiseInput, ImprovementActionUpdateStatusInput } from "./improvement.inputs";
import * as service from "./improvement.service";
import type { ImprovementActionRow } from "./improvement.table";
import { ImprovementAction, ImprovementActionPayload, ImprovementEffect } from "./improvement.type";
import { QualityInspection } from "./inspection.type";

export const ImprovementActionConnection = Connection(ImprovementAction, "ImprovementAction", "A page of improvement actions (改进措施).");
const KEY_DESC = { description: "What to do." };

@Authorized()
@Resolver(() => ImprovementAction)
export class ImprovementActionResolver {
  @Query(() => ImprovementActionConnection, {
    description:
      "Improvement actions (改进措施) from every source (inspections, complaints, KPI misses, drills, incident reports), manual chapter 8.3, earliest due first.",
  })
  improvementActions(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => ImprovementActionFilter, { nullable: true, description: "Filters." }) filterBy?: ImprovementActionFilter,
  ) {
    return service.listActions(ctx, filterBy, args);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who owns it." })
  owner(@Root() a: ImprovementActionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(a.ownerId);
  }

  @FieldResolver(() => Boolean, { description: "True when it is open past its due date (逾期)." })
  overdue(@Root() a: ImprovementActionRow, @Ctx() ctx: Context): boolean {
    return service.isOverdue(a, ctx.clock.now());
  }

  @FieldResolver(() => ImprovementEffect, {
    nullable: true,
    description: "The effect measured (整改成效): the linked KPI before and after; null without a linked KPI.",
  })
  effect(@Root() a: ImprovementActionRow, @Ctx() ctx: Context) {
    return effectOf(ctx, a);
  }

  @Mutation(() => ImprovementActionPayload, {
    description:
      "Raises an improvement action from a complaint's root cause (溯源整改), an inspection finding or a KPI miss (a manager, supervisor, head-office senior or the administrator).",
  })
  improvementActionRaise(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: ImprovementActionRaiseInput) {
    return service.raiseAction(ctx, input);
  }

  @Mutation(() => ImprovementActionPayload, { description: "Moves an improvement action on (its owner, a manager or a supervisor)." })
  improvementActionUpdateStatus(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: ImprovementActionUpdateStatusInput) {
    return service.updateActionStatus(ctx, input);
  }
}

const RAISED_DESC = { description: "Improvement actions it raised, earliest due first." };

@Authorized()
@Resolver(() => DrillFinding)
export class DrillFindingActionsResolver {
  @FieldResolver(() => [ImprovementAction], { description: "Improvement actions raised by this finding." })
  improvementActions(@Root() f: { id: string }, @Ctx() ctx: Context) {
    return service.actionsOf(ctx, f.id);
  }
}

@Authorized()
@Resolver(() => DrillFindingPayload)
export class DrillFindingPayloadActionsResolver {
  @FieldResolver(() => [ImprovementAction], { nullable: true, description: "The improvement actions it raised." })
  actions(@Root() p: { finding?: { id: string } | null }, @Ctx() ctx: Context) {
    return p.finding ? service.actionsOf(ctx, p.finding.id) : null;
  }
}

@Authorized()
@Resolver(() => EmergencyIncident)
export class IncidentActionsResolver {
  @FieldResolver(() => [ImprovementAction], { description: "Improvement actions raised by the report." })
  improvementActions(@Root() i: { id: string }, @Ctx() ctx: Context) {
    return service.actionsOf(ctx, i.id);
  }
}

@Authorized()
@Resolver(() => Complaint)
export class ComplaintActionsResolver {
  @FieldResolver(() => [ImprovementAction], { description: "Improvement actions raised from this complaint's root cause (溯源整改), chapter 7." })
  improvementActions(@Root() c: { id: string }, @Ctx() ctx: Context) {
    return service.actionsOf(ctx, c.id);
  }
}

@Authorized()
@Resolver(() => QualityInspection)
export class InspectionActionsResolver {
  @FieldResolver(() => [ImprovementAction], RAISED_DESC)
  improvementActions(@Root() r: { id: string }, @Ctx() ctx: Context) {
    return service.actionsOf(ctx, r.id);
  }
}
