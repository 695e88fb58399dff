import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { Complaint, complaints } from "../complaints";
import { Staff, staff } from "../organisation";
import { Visit, receptionVisits } from "../reception";
import { SatisfactionSurveyRecordInput } from "./survey.inputs";
import * as service from "./survey.service";
import { type SatisfactionSurveyRow, satisfactionSurveys } from "./survey.table";
import { SatisfactionSurvey, SatisfactionSurveyPayload, SurveyTemplate } from "./survey.type";

@Authorized()
@Resolver(() => SatisfactionSurvey)
export class SatisfactionSurveyResolver {
  @Query(() => [SurveyTemplate], { description: "Survey templates (满意度调查问卷), one per subject, manual chapter 8.2." })
  surveyTemplates(@Ctx() ctx: Context) {
    return service.templates(ctx);
  }

  @Mutation(() => SatisfactionSurveyPayload, {
    description: "Records a satisfaction survey (满意度调查) after a completed visit or a decided complaint, manual chapter 8.2; one per visit or complaint.",
  })
  satisfactionSurveyRecord(@Ctx() ctx: Context, @Arg("input", { description: "The answers." }) input: SatisfactionSurveyRecordInput) {
    return service.recordSurvey(ctx, input);
  }

  @FieldResolver(() => Visit, { nullable: true, description: "The visit surveyed (when you see it)." })
  visit(@Root() s: SatisfactionSurveyRow, @Ctx() ctx: Context) {
    return s.visitId ? ctx.loaders.of(receptionVisits).load(s.visitId) : null;
  }

  @FieldResolver(() => Complaint, { nullable: true, description: "The complaint surveyed (when you see it)." })
  complaint(@Root() s: SatisfactionSurveyRow, @Ctx() ctx: Context) {
    return s.complaintId ? ctx.loaders.of(complaints).load(s.complaintId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who served the visit or handled the complaint: the member the survey counts for." })
  staffMember(@Root() s: SatisfactionSurveyRow, @Ctx() ctx: Context) {
    return s.staffId ? ctx.loaders.of(staff).load(s.staffId) : null;
  }
}

async function surveyOf(ctx: Context, column: typeof satisfactionSurveys.visitId | typeof satisfactionSurveys.complaintId, id: string) {
  const [row] = await ctx.database.db.select().from(satisfactionSurveys).where(eq(column, id));
  return row ?? null;
}

@Authorized()
@Resolver(() => Visit)
export class VisitSurveyResolver {
  @FieldResolver(() => SatisfactionSurvey, { nullable: true, description: "The satisfaction survey after this visit (满意度调查), chapter 8.2, if recorded." })
  satisfactionSurvey(@Root() v: { id: string }, @Ctx() ctx: Context) {
    return surveyOf(ctx, satisfactionSurveys.visitId, v.id);
  }
}

@Authorized()
@Resolver(() => Complaint)
export class ComplaintSurveyResolver {
  @FieldResolver(() => SatisfactionSurvey, {
    nullable: true,
    description: "The satisfaction survey after this complaint (满意度调查), chapter 8.2, if recorded.",
  })
  satisfactionSurvey(@Root() c: { id: string }, @Ctx() ctx: Context) {
    return surveyOf(ctx, satisfactionSurveys.complaintId, c.id);
  }
}
