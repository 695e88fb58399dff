import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { Complaint, complaints } from "../complaints";
import { Staff, staff } from "../organisation";
import { Visit, receptionVisits } from "../reception";
import { QualityInspectionContestInput, QualityInspectionDecideInput, QualityInspectionFilter, QualityInspectionScoreInput } from "./inspection.inputs";
import * as service from "./inspection.service";
import { type QualityInspectionRow, qualityChecklists } from "./inspection.table";
import { QualityChecklist, QualityInspection, QualityInspectionPayload } from "./inspection.type";

export const QualityInspectionConnection = Connection(QualityInspection, "QualityInspection", "A page of quality inspections (质检记录).");
const KEY_DESC = { description: "What to do." };

@Authorized()
@Resolver(() => QualityInspection)
export class QualityInspectionResolver {
  @Query(() => QualityInspectionConnection, { description: "Quality inspections (质检记录) you may see, manual chapter 8.2, latest first." })
  qualityInspections(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => QualityInspectionFilter, { nullable: true, description: "Filters." }) filterBy?: QualityInspectionFilter,
  ) {
    return service.listInspections(ctx, filterBy, args);
  }

  @Query(() => [QualityChecklist], { description: "Inspection checklists (质检标准) with their weighted norms, manual chapter 8.2 (a short list)." })
  qualityChecklists(@Ctx() ctx: Context) {
    return service.checklists(ctx);
  }

  @FieldResolver(() => Float, { description: "The inspector's weighted total, 0–100, to two decimals (rounded half up)." })
  totalScore(@Root() r: QualityInspectionRow): number {
    return r.totalCentiPoints / 100;
  }

  @FieldResolver(() => Float, { nullable: true, description: "The revised weighted total, when REVISED." })
  revisedTotalScore(@Root() r: QualityInspectionRow): number | null {
    return r.revisedTotalCentiPoints === null ? null : r.revisedTotalCentiPoints / 100;
  }

  @FieldResolver(() => Float, { description: "The score that counts: the revised total when REVISED, else the inspector's." })
  finalScore(@Root() r: QualityInspectionRow): number {
    return (r.revisedTotalCentiPoints ?? r.totalCentiPoints) / 100;
  }

  @FieldResolver(() => QualityChecklist, { nullable: true, description: "The checklist scored against." })
  checklist(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(qualityChecklists).load(r.checklistId);
  }

  @FieldResolver(() => Visit, { nullable: true, description: "The visit inspected (when you see it)." })
  visit(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return r.visitId ? ctx.loaders.of(receptionVisits).load(r.visitId) : null;
  }

  @FieldResolver(() => Complaint, { nullable: true, description: "The complaint whose handling was inspected (when you see it)." })
  complaint(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return r.complaintId ? ctx.loaders.of(complaints).load(r.complaintId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The member whose service was inspected." })
  inspectedStaff(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.inspectedStaffId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The inspector (质检员)." })
  inspector(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(r.inspectorId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The second inspector who decided the contest." })
  decidedBy(@Root() r: QualityInspectionRow, @Ctx() ctx: Context) {
    return r.decidedById ? ctx.loaders.of(staff).load(r.decidedById) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may contest it now (the inspected member, once, while SCORED)." })
  viewerCanContest(@Root() r: QualityInspectionRow, @Ctx() ctx: Context): boolean {
    return r.status === "SCORED" && r.contestedAt === null && ctx.viewer?.id === r.inspectedStaffId;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may decide its contest now (a second inspector, while CONTESTED)." })
  viewerCanDecide(@Root() r: QualityInspectionRow, @Ctx() ctx: Context): boolean {
    return r.status === "CONTESTED" && !!ctx.viewer && service.canDecide(ctx.viewer, r);
  }

  @Mutation(() => QualityInspectionPayload, {
    description: "Scores a visit or a complaint's handling against its checklist (质检评分; a manager, supervisor or head-office senior).",
  })
  qualityInspectionScore(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: QualityInspectionScoreInput) {
    return service.scoreInspection(ctx, input);
  }

  @Mutation(() => QualityInspectionPayload, { description: "Contests an inspection of your service (质检申诉), once." })
  qualityInspectionContest(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: QualityInspectionContestInput) {
    return service.contestInspection(ctx, input);
  }

  @Mutation(() => QualityInspectionPayload, { description: "Decides a contested inspection (申诉复核): a second inspector upholds or revises the score." })
  qualityInspectionDecide(@Ctx() ctx: Context, @Arg("input", KEY_DESC) input: QualityInspectionDecideInput) {
    return service.decideInspection(ctx, input);
  }
}
