import { asc, eq } from "drizzle-orm";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { IncidentLink, IncidentTimelineEntry } from "../incidents";
import { linksOf } from "../incidents";
import { Department, Staff } from "../organisation";
import { departments, staff } from "../organisation";
import { EmergencyIncidentPayload } from "./emergency.payloads";
import { canHandleEmergency } from "./emergency.policy";
import {
  EmergencyIncidentActivatePlanInput,
  EmergencyIncidentAddUpdateInput,
  EmergencyIncidentChangeLevelInput,
  EmergencyIncidentChangeStatusInput,
  EmergencyIncidentCompleteStepInput,
  EmergencyIncidentFileReportInput,
  EmergencyIncidentFilter,
  EmergencyIncidentReportInput,
  EmergencyIncidentSkipStepInput,
} from "./incident.inputs";
import * as service from "./incident.service";
import { skipStep } from "./incident-step.service";
import {
  type EmergencyIncidentRow,
  type EmergencyIncidentStepRow,
  emergencyIncidentReports,
  emergencyIncidentSteps,
  emergencyIncidentUpdates,
} from "./incident.table";
import { EmergencyIncident, EmergencyIncidentReport, EmergencyIncidentStep } from "./incident.type";
import { CreatedOrder } from "./plan.inputs";
import { emergencyPlans } from "./plan.table";
import { EmergencyPlan } from "./plan.type";

export const EmergencyIncidentConnection = Connection(EmergencyIncident, "EmergencyIncident", "A page of emergency incidents (突发事件).");
const WHAT = { description: "What to do." };

@Authorized()
@Resolver(() => EmergencyIncident)
export class EmergencyIncidentResolver {
  @Query(() => EmergencyIncidentConnection, {
    description: "Emergency incidents (突发事件), chapter 12.3: all of them for supervisors, managers and officers; your own reports otherwise.",
  })
  emergencyIncidents(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => EmergencyIncidentFilter, { nullable: true, description: "Filters." }) filterBy?: EmergencyIncidentFilter,
    @Arg("orderBy", () => CreatedOrder, { nullable: true, description: "Sort order (default: newest first)." }) orderBy?: CreatedOrder,
  ) {
    return service.listIncidents(ctx, filterBy, orderBy?.direction === "ASC" ? "asc" : "desc", args);
  }

  @FieldResolver(() => Staff, { description: "Who reported it." })
  reporter(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(i.reporterId);
  }

  @FieldResolver(() => Department, { description: "The reporter's department." })
  department(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(i.departmentId);
  }

  @FieldResolver(() => EmergencyPlan, { nullable: true, description: "The activated plan version." })
  plan(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return i.planId ? ctx.loaders.of(emergencyPlans).load(i.planId) : null;
  }

  @FieldResolver(() => [EmergencyIncidentStep], { description: "The activated plan's steps as a checklist, in order." })
  checklist(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return ctx.database.db
      .select()
      .from(emergencyIncidentSteps)
      .where(eq(emergencyIncidentSteps.incidentId, i.id))
      .orderBy(asc(emergencyIncidentSteps.ordinal));
  }

  @FieldResolver(() => [IncidentTimelineEntry], { description: "Timeline of updates, oldest first." })
  timeline(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return ctx.database.db
      .select()
      .from(emergencyIncidentUpdates)
      .where(eq(emergencyIncidentUpdates.incidentId, i.id))
      .orderBy(asc(emergencyIncidentUpdates.at), asc(emergencyIncidentUpdates.id));
  }

  @FieldResolver(() => EmergencyIncidentReport, { nullable: true, description: "The post-incident report, once filed." })
  async report(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    const [r] = await ctx.database.db.select().from(emergencyIncidentReports).where(eq(emergencyIncidentReports.incidentId, i.id));
    return r ?? null;
  }

  @FieldResolver(() => [IncidentLink], { description: "Records linked to this incident (reception exceptions, complaints, other incidents)." })
  links(@Root() i: EmergencyIncidentRow, @Ctx() ctx: Context) {
    return linksOf(ctx.database.db, i.id);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may command the response (activate, tick, change level or status, report)." })
  viewerCanHandle(@Ctx() ctx: Context): boolean {
    return canHandleEmergency(requireViewer(ctx));
  }

  @Mutation(() => EmergencyIncidentPayload, { description: "Reports an emergency incident (any member); supervisors see it live." })
  emergencyIncidentReport(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentReportInput) {
    return service.reportIncident(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, {
    description: "Activates an approved plan: the incident is RESPONDING and the plan's steps become its checklist (supervisor or manager).",
  })
  emergencyIncidentActivatePlan(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentActivatePlanInput) {
    return service.activatePlan(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, { description: "Ticks a checklist step, once, recording who and when (supervisor or manager)." })
  emergencyIncidentCompleteStep(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentCompleteStepInput) {
    return service.completeStep(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, {
    description: "Skips a checklist step with the reason it is not carried out, once (supervisor or manager); a required step counts as settled.",
  })
  emergencyIncidentSkipStep(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentSkipStepInput) {
    return skipStep(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, { description: "Raises or lowers the response level, with the reason (supervisor or manager)." })
  emergencyIncidentChangeLevel(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentChangeLevelInput) {
    return service.changeLevel(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, { description: "Adds a note to the timeline (handlers, or the reporter on their own incident)." })
  emergencyIncidentAddUpdate(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentAddUpdateInput) {
    return service.addUpdate(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, {
    description:
      "Moves the incident to CONTAINED (only once every required checklist step is done or skipped with a reason), RESOLVED or CLOSED; level I–II incidents close only with their report (supervisor or manager).",
  })
  emergencyIncidentChangeStatus(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentChangeStatusInput) {
    return service.changeStatus(ctx, input);
  }

  @Mutation(() => EmergencyIncidentPayload, {
    description: "Files the post-incident report (事件总结) with its improvement actions, once contained (supervisor or manager).",
  })
  emergencyIncidentFileReport(@Ctx() ctx: Context, @Arg("input", WHAT) input: EmergencyIncidentFileReportInput) {
    return service.fileReport(ctx, input);
  }
}

@Authorized()
@Resolver(() => EmergencyIncidentStep)
export class EmergencyIncidentStepResolver {
  @FieldResolver(() => Boolean, { description: "True once ticked." })
  done(@Root() s: EmergencyIncidentStepRow): boolean {
    return s.doneAt !== null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who ticked it." })
  doneBy(@Root() s: EmergencyIncidentStepRow, @Ctx() ctx: Context) {
    return s.doneById ? ctx.loaders.of(staff).load(s.doneById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who skipped it." })
  skippedBy(@Root() s: EmergencyIncidentStepRow, @Ctx() ctx: Context) {
    return s.skippedById ? ctx.loaders.of(staff).load(s.skippedById) : null;
  }
}

@Authorized()
@Resolver(() => IncidentTimelineEntry)
export class IncidentTimelineEntryResolver {
  @FieldResolver(() => Staff, { description: "Who made the entry." })
  author(@Root() e: { authorId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(e.authorId);
  }
}
