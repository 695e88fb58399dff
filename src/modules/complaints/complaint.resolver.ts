import type { GraphQLResolveInfo } from "graphql";
import { listReads } from "../../shared/prefetch";
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { DomainError } from "../../core/errors";
import * as contact from "./complaint.contact.service";
import * as decision from "./complaint.decision.service";
import * as intake from "./complaint.intake.service";
import {
  ComplaintAddNoteInput,
  ComplaintApproveResolutionInput,
  ComplaintAssignInput,
  ComplaintClassifyInput,
  ComplaintCloseInput,
  ComplaintEscalateInput,
  ComplaintExtendDeadlineInput,
  ComplaintFilter,
  ComplaintOrder,
  ComplaintProposeResolutionInput,
  ComplaintReceiveInput,
  ComplaintRecordFeedbackInput,
  ComplaintRecordFirstContactInput,
  ComplaintRequestReviewInput,
  ComplaintWithdrawInput,
} from "./complaint.inputs";
import { ComplaintPayload } from "./complaint.payloads";
import * as query from "./complaint.query.service";
import { Complaint, ComplaintStatistics } from "./complaint.type";

export const ComplaintConnection = Connection(Complaint, "Complaint", "A page of customer complaints (客户投诉), manual chapter 7.");

// Queries raise expected failures (bad filters) as top-level errors with their code.
async function asQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError) throw err.toGraphQLError();
    throw err;
  }
}

const D = { description: "What to do." };

@Authorized()
@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, { description: "Complaints in your scope (客户投诉), filtered and sorted (default: newest received first)." })
  complaints(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => ComplaintFilter, { nullable: true, description: "Filters." }) filterBy?: ComplaintFilter,
    @Arg("orderBy", () => ComplaintOrder, { nullable: true, description: "Sort order." }) orderBy?: ComplaintOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return asQuery(() => query.list(ctx, filterBy, orderBy, args, info && listReads(ctx, info, "Complaint")));
  }

  @Query(() => Complaint, { nullable: true, description: "One complaint by id or reference number, if your scope holds it." })
  complaint(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { nullable: true, description: "The complaint's id." }) id?: string,
    @Arg("reference", () => String, { nullable: true, description: "The reference number, e.g. TS-20261129-000123." }) reference?: string,
  ) {
    if (id) return query.loadVisible(ctx, id);
    if (reference) return query.byReference(ctx, reference);
    return null;
  }

  @Query(() => ComplaintStatistics, {
    description: "Complaint statistics for a period (by receipt) and department, within your scope (managers, supervisors, administrator).",
  })
  complaintStatistics(
    @Ctx() ctx: Context,
    @Arg("from", () => Date, { description: "Start of the period (inclusive)." }) from: Date,
    @Arg("to", () => Date, { description: "End of the period (exclusive)." }) to: Date,
    @Arg("departmentId", () => ID, { nullable: true, description: "Only this department." }) departmentId?: string,
  ) {
    return query.statistics(ctx, from, to, departmentId);
  }

  @Mutation(() => ComplaintPayload, { description: "Receives a complaint (投诉接收): returns its reference number and 15-day deadline." })
  complaintReceive(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintReceiveInput) {
    return intake.receive(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Classifies a complaint (投诉分类): category, business line, severity." })
  complaintClassify(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintClassifyInput) {
    return intake.classify(ctx, input);
  }

  @Mutation(() => ComplaintPayload, {
    description: "Assigns or reassigns a complaint to a handler (投诉分派); never the staff member complained about (回避).",
  })
  complaintAssign(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintAssignInput) {
    return intake.assign(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Adds an investigation note (调查记录); the first one starts the investigation." })
  complaintAddNote(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintAddNoteInput) {
    return intake.addNote(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Proposes a resolution (处理意见); high and critical ones then wait for a supervisor." })
  complaintProposeResolution(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintProposeResolutionInput) {
    return decision.proposeResolution(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Approves or refuses a proposed resolution (审批): a supervisor who is not the handler (maker-checker)." })
  complaintApproveResolution(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintApproveResolutionInput) {
    return decision.approveResolution(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Escalates a complaint to a manager or supervisor (投诉升级)." })
  complaintEscalate(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintEscalateInput) {
    return intake.escalate(ctx, input);
  }

  @Mutation(() => ComplaintPayload, {
    description:
      "Extends the decision deadline (延期): to 30 days by the handling staff, then to 60 by the head-office senior approver with the customer told.",
  })
  complaintExtendDeadline(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintExtendDeadlineInput) {
    return decision.extendDeadline(ctx, input);
  }

  @Mutation(() => ComplaintPayload, {
    description: "Records when and how the customer received the decision, and their satisfaction (投诉反馈); the review window runs from that receipt.",
  })
  complaintRecordFeedback(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintRecordFeedbackInput) {
    return decision.recordFeedback(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Records the first contact with the customer (首次联系), measured against the severity's internal target." })
  complaintRecordFirstContact(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintRecordFirstContactInput) {
    return contact.recordFirstContact(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Closes a decided complaint after feedback." })
  complaintClose(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintCloseInput) {
    return decision.close(ctx, input);
  }

  @Mutation(() => ComplaintPayload, {
    description: "Records the customer's request for a review (核查) within 30 days of the decision: reopens it one level higher.",
  })
  complaintRequestReview(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintRequestReviewInput) {
    return decision.requestReview(ctx, input);
  }

  @Mutation(() => ComplaintPayload, { description: "Records the customer's withdrawal (撤诉): the complaint ends that day." })
  complaintWithdraw(@Ctx() ctx: Context, @Arg("input", D) input: ComplaintWithdrawInput) {
    return intake.withdraw(ctx, input);
  }
}
