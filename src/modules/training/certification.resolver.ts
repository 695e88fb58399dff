import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Staff, staff } from "../organisation";
import * as certs from "./certification.service";
import * as enrolments from "./enrolment.service";
import {
  CertificationFilter,
  CertificationRequirementSetInput,
  TrainingAssessmentRecordInput,
  TrainingAttendanceRecordInput,
  TrainingEnrolInput,
  TrainingEnrolmentFilter,
  TrainingEnrolmentCancelInput,
  TrainingFeedbackGiveInput,
} from "./training.inputs";
import { CertificationRequirementPayload, TrainingEnrolmentPayload } from "./training.payloads";
import { type CertificationRow, type TrainingEnrolmentRow, trainingEnrolments, trainingSessions } from "./training.table";
import { Certification, CertificationRequirement, TrainingEnrolment, TrainingSession } from "./training.type";

export const TrainingEnrolmentConnection = Connection(TrainingEnrolment, "TrainingEnrolment", "A page of enrolments (报名).");
export const CertificationConnection = Connection(Certification, "Certification", "A page of certifications (资格认证).");
const INPUT = { description: "What to do." };

@Authorized()
@Resolver(() => TrainingEnrolment)
export class TrainingEnrolmentResolver {
  @Query(() => TrainingEnrolmentConnection, {
    description: "Enrolments (报名) with attendance and scores, of the members the viewer sees, in enrolment order.",
  })
  trainingEnrolments(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => TrainingEnrolmentFilter, { nullable: true, description: "Filters." }) f?: TrainingEnrolmentFilter,
  ) {
    return enrolments.listEnrolments(ctx, f, args);
  }

  @FieldResolver(() => TrainingSession, { nullable: true, description: "The session." })
  session(@Root() e: TrainingEnrolmentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(trainingSessions).load(e.sessionId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The participant." })
  participant(@Root() e: TrainingEnrolmentRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(e.staffId);
  }

  @Mutation(() => TrainingEnrolmentPayload, {
    description: "Enrols a member (oneself by default) in a scheduled session; a full one puts them on the waitlist.",
  })
  trainingEnrol(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingEnrolInput) {
    return enrolments.enrol(ctx, input);
  }

  @Mutation(() => TrainingEnrolmentPayload, { description: "Cancels an enrolment; the first on the waitlist takes the seat." })
  trainingEnrolmentCancel(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingEnrolmentCancelInput) {
    return enrolments.cancelEnrolment(ctx, input);
  }

  @Mutation(() => TrainingEnrolmentPayload, { description: "Records attendance (考勤) of an enrolled participant (the session's trainer)." })
  trainingAttendanceRecord(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingAttendanceRecordInput) {
    return enrolments.recordAttendance(ctx, input);
  }

  @Mutation(() => TrainingEnrolmentPayload, {
    description: "Records an assessment score (考核); a pass grants the course's certification (the session's trainer).",
  })
  trainingAssessmentRecord(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingAssessmentRecordInput) {
    return enrolments.recordAssessment(ctx, input);
  }

  @Mutation(() => TrainingEnrolmentPayload, { description: "Gives one's feedback on the course attended (课程评价), once." })
  trainingFeedbackGive(@Ctx() ctx: Context, @Arg("input", INPUT) input: TrainingFeedbackGiveInput) {
    return enrolments.giveFeedback(ctx, input);
  }
}

@Authorized()
@Resolver(() => Certification)
export class CertificationResolver {
  @Query(() => CertificationConnection, { description: "Certifications (资格认证) of the members the viewer sees, earliest expiry first." })
  certifications(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => CertificationFilter, { nullable: true, description: "Filters." }) f?: CertificationFilter,
  ) {
    return certs.listCertifications(ctx, f, args);
  }

  @Query(() => [CertificationRequirement], { description: "Which certification kinds gate business, one entry per kind (a fixed, short list)." })
  certificationRequirements(@Ctx() ctx: Context) {
    return certs.listRequirements(ctx);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The certified member." })
  holder(@Root() c: CertificationRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(c.staffId);
  }

  @FieldResolver(() => TrainingEnrolment, { nullable: true, description: "The passed enrolment that granted it (null for one recorded at setup)." })
  enrolment(@Root() c: CertificationRow, @Ctx() ctx: Context) {
    return c.enrolmentId ? ctx.loaders.of(trainingEnrolments).load(c.enrolmentId) : null;
  }

  @FieldResolver(() => Boolean, { description: "True while it is valid now (granted and not yet expired)." })
  valid(@Root() c: CertificationRow, @Ctx() ctx: Context): boolean {
    const now = ctx.clock.now().getTime();
    return c.grantedAt.getTime() <= now && c.expiresAt.getTime() > now;
  }

  @Mutation(() => CertificationRequirementPayload, { description: "Sets whether a certification kind gates business (system administrator)." })
  certificationRequirementSet(@Ctx() ctx: Context, @Arg("input", INPUT) input: CertificationRequirementSetInput) {
    return certs.setRequirement(ctx, input);
  }
}
