import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { asc, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Staff } from "../organisation";
import { staff } from "../organisation";
import {
  EmergencyDrillAddFindingInput,
  EmergencyDrillCompleteInput,
  EmergencyDrillFilter,
  EmergencyDrillRecordStepInput,
  EmergencyDrillRefInput,
  EmergencyDrillScheduleInput,
} from "./drill.inputs";
import * as service from "./drill.service";
import { type EmergencyDrillRow, drillFindings } from "./drill.table";
import { DrillFinding, DrillStepRecord, EmergencyDrill, OverdueDrill } from "./drill.type";
import { DrillFindingPayload, EmergencyDrillPayload } from "./emergency.payloads";
import { emergencyPlans } from "./plan.table";
import { EmergencyPlan } from "./plan.type";

export const EmergencyDrillConnection = Connection(EmergencyDrill, "EmergencyDrill", "A page of drills (应急演练).");
const KEY_DESC = { description: "What to do." };

@Authorized()
@Resolver(() => EmergencyDrill)
export class EmergencyDrillResolver {
  @Query(() => EmergencyDrillConnection, { description: "Drills (应急预案演练), chapter 12.2, latest scheduled first." })
  emergencyDrills(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => EmergencyDrillFilter, { nullable: true, description: "Filters." }) filterBy?: EmergencyDrillFilter,
  ) {
    return service.listDrills(ctx, filterBy, args);
  }

  @Query(() => [OverdueDrill], {
    description:
      "Approved plans with no completed drill within their interval (at most one approved plan per type and scope, so the list is short and not paginated).",
  })
  overdueDrills(@Ctx() ctx: Context) {
    return service.overdueDrills(ctx);
  }

  @FieldResolver(() => EmergencyPlan, { description: "The plan version drilled." })
  plan(@Root() d: EmergencyDrillRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(emergencyPlans).load(d.planId);
  }

  @FieldResolver(() => Staff, { description: "Who organised it." })
  organiser(@Root() d: EmergencyDrillRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(d.organiserId);
  }

  @FieldResolver(() => [Staff], { description: "Participants." })
  async participants(@Root() d: EmergencyDrillRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.of(staff).loadMany(d.participantIds)).filter((s) => s && !(s instanceof Error));
  }

  @FieldResolver(() => [DrillStepRecord], { description: "What happened at each plan step, by ordinal." })
  stepLog(@Root() d: EmergencyDrillRow) {
    return d.stepLog.map((s) => ({ ...s, recordedAt: new Date(s.recordedAt) }));
  }

  @FieldResolver(() => [DrillFinding], { description: "Findings, oldest first." })
  findings(@Root() d: EmergencyDrillRow, @Ctx() ctx: Context) {
    return ctx.database.db.select().from(drillFindings).where(eq(drillFindings.drillId, d.id)).orderBy(asc(drillFindings.createdAt), asc(drillFindings.id));
  }

  @Mutation(() => EmergencyDrillPayload, { description: "Schedules a drill of an approved plan (supervisor or manager)." })
  emergencyDrillSchedule(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillScheduleInput) {
    return service.scheduleDrill(ctx, input);
  }

  @Mutation(() => EmergencyDrillPayload, { description: "Starts a scheduled drill (supervisor or manager)." })
  emergencyDrillStart(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillRefInput) {
    return service.startDrill(ctx, input);
  }

  @Mutation(() => EmergencyDrillPayload, { description: "Cancels a scheduled drill, with a reason (supervisor or manager)." })
  emergencyDrillCancel(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillRefInput) {
    return service.cancelDrill(ctx, input);
  }

  @Mutation(() => EmergencyDrillPayload, { description: "Records what happened at one plan step of a running drill; each step once." })
  emergencyDrillRecordStep(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillRecordStepInput) {
    return service.recordDrillStep(ctx, input);
  }

  @Mutation(() => EmergencyDrillPayload, { description: "Ends a running drill with its evaluation score (supervisor or manager)." })
  emergencyDrillComplete(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillCompleteInput) {
    return service.completeDrill(ctx, input);
  }

  @Mutation(() => DrillFindingPayload, { description: "Records a finding of a drill and the improvement actions it raises (supervisor or manager)." })
  emergencyDrillAddFinding(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: EmergencyDrillAddFindingInput) {
    return service.addDrillFinding(ctx, input);
  }
}
