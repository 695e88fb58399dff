import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { and, eq, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Department, Staff, departments, staff } from "../organisation";
import * as service from "./catalogue.service";
import {
  TrainingCourseCreateInput,
  TrainingPlanCreateInput,
  TrainingPlanFilter,
  TrainingSessionFilter,
  TrainingSessionCancelInput,
  TrainingSessionCompleteInput,
  TrainingSessionScheduleInput,
} from "./training.inputs";
import { TrainingCoursePayload, TrainingPlanPayload, TrainingSessionPayload } from "./training.payloads";
import { type TrainingCourseRow, type TrainingPlanRow, type TrainingSessionRow, trainingCourses, trainingEnrolments, trainingPlans } from "./training.table";
import { TrainingCourse, TrainingFeedbackSummary, TrainingPlan, TrainingSession } from "./training.type";

export const TrainingPlanConnection = Connection(TrainingPlan, "TrainingPlan", "A page of training plans (培训计划).");
export const TrainingCourseConnection = Connection(TrainingCourse, "TrainingCourse", "A page of courses (培训课程).");
export const TrainingSessionConnection = Connection(TrainingSession, "TrainingSession", "A page of sessions (培训班次).");
const INPUT = { description: "What to do." };

@Authorized()
@Resolver(() => TrainingPlan)
export class TrainingPlanResolver {
  @Query(() => TrainingPlanConnection, { description: "Annual training plans (年度培训计划), chapter 9, newest first." })
  trainingPlans(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => TrainingPlanFilter, { nullable: true, description: "Filters." }) f?: TrainingPlanFilter,
  ) {
    return service.listPlans(ctx, f, args);
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department the plan is for." })
  department(@Root() p: TrainingPlanRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(departments).load(p.departmentId);
  }

  @FieldResolver(() => TrainingCourseConnection, { description: "The plan's courses." })
  courses(@Root() p: TrainingPlanRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return service.listCourses(ctx, p.id, args);
  }

  @Mutation(() => TrainingPlanPayload, { description: "Makes a department's annual training plan (trainers)." })
  trainingPlanCreate(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingPlanCreateInput) {
    return service.createPlan(ctx, input);
  }
}

@Authorized()
@Resolver(() => TrainingCourse)
export class TrainingCourseResolver {
  @Query(() => TrainingCourseConnection, { description: "Courses (培训课程), chapter 9, newest first." })
  trainingCourses(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("planId", () => ID, { nullable: true, description: "Only this plan's." }) planId?: string,
  ) {
    return service.listCourses(ctx, planId, args);
  }

  @FieldResolver(() => TrainingPlan, { nullable: true, description: "The plan it belongs to, if any." })
  plan(@Root() c: TrainingCourseRow, @Ctx() ctx: Context) {
    return c.planId ? ctx.loaders.of(trainingPlans).load(c.planId) : null;
  }

  @FieldResolver(() => TrainingSessionConnection, { description: "The course's sessions, earliest first." })
  sessions(@Root() c: TrainingCourseRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return service.listSessions(ctx, { courseId: c.id }, args);
  }

  @FieldResolver(() => TrainingFeedbackSummary, { description: "Participants' feedback on the course (课程评价), over all its sessions." })
  async feedback(@Root() c: TrainingCourseRow, @Ctx() ctx: Context): Promise<TrainingFeedbackSummary> {
    const [r] = await ctx.database.query<{ n: number; total: number | null }>(
      `select count(*)::int as n, sum(e.feedback_rating)::int as total from training_enrolments e join training_sessions s on s.id = e.session_id
        where s.course_id = $1 and e.feedback_rating is not null`,
      [c.id],
    );
    const n = Number(r.n);
    // Average in hundredths, rounded half up, with integers only: (200·total + n) div (2n).
    const hundredths = n > 0 ? Math.floor((200 * Number(r.total) + n) / (2 * n)) : null;
    return { responses: n, averageRating: hundredths === null ? null : `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}` };
  }

  @Mutation(() => TrainingCoursePayload, { description: "Creates a course with its pass mark and the certification it grants (trainers)." })
  trainingCourseCreate(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingCourseCreateInput) {
    return service.createCourse(ctx, input);
  }
}

@Authorized()
@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @Query(() => TrainingSessionConnection, { description: "Sessions (培训班次), chapter 9, earliest first." })
  trainingSessions(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => TrainingSessionFilter, { nullable: true, description: "Filters." }) f?: TrainingSessionFilter,
  ) {
    return service.listSessions(ctx, f, args);
  }

  @FieldResolver(() => TrainingCourse, { nullable: true, description: "The course." })
  course(@Root() s: TrainingSessionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(trainingCourses).load(s.courseId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The trainer." })
  trainer(@Root() s: TrainingSessionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(s.trainerId);
  }

  @FieldResolver(() => Int, { description: "Seats taken (ENROLLED)." })
  enrolledCount(@Root() s: TrainingSessionRow, @Ctx() ctx: Context) {
    return countOf(ctx, s.id, "ENROLLED");
  }

  @FieldResolver(() => Int, { description: "Members on the waitlist (WAITLISTED)." })
  waitlistCount(@Root() s: TrainingSessionRow, @Ctx() ctx: Context) {
    return countOf(ctx, s.id, "WAITLISTED");
  }

  @FieldResolver(() => Int, { description: "Participants recorded PRESENT." })
  attendedCount(@Root() s: TrainingSessionRow, @Ctx() ctx: Context) {
    return ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.sessionId, s.id), eq(trainingEnrolments.attendance, "PRESENT")))
      .then((r) => Number(r[0].n));
  }

  @Mutation(() => TrainingSessionPayload, { description: "Schedules a session of a course with a trainer and a capacity (trainers)." })
  trainingSessionSchedule(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingSessionScheduleInput) {
    return service.scheduleSession(ctx, input);
  }

  @Mutation(() => TrainingSessionPayload, { description: "Marks a started session as held (its trainer)." })
  trainingSessionComplete(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingSessionCompleteInput) {
    return service.completeSession(ctx, input);
  }

  @Mutation(() => TrainingSessionPayload, { description: "Cancels a scheduled session (its trainer)." })
  trainingSessionCancel(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingSessionCancelInput) {
    return service.cancelSession(ctx, input);
  }
}

function countOf(ctx: Context, sessionId: string, status: "ENROLLED" | "WAITLISTED"): Promise<number> {
  return ctx.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingEnrolments)
    .where(and(eq(trainingEnrolments.sessionId, sessionId), eq(trainingEnrolments.status, status)))
    .then((r) => Number(r[0].n));
}
