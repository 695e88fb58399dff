import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden } from "../../core/errors";
import { newId } from "../../core/ids";
import { requireCertification } from "../../core/certification";
import { runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockComplaintFor, record, updateComplaint } from "./complaint.core";
import { workStep } from "./complaint.step";
import { APPROACHING_MS, REVIEW_DAYS, REVIEW_WINDOW_MS, deadlineFor, nextExtension, pastTime } from "./complaint.deadline";
import type {
  ComplaintApproveResolutionInput,
  ComplaintCloseInput,
  ComplaintExtendDeadlineInput,
  ComplaintProposeResolutionInput,
  ComplaintRecordFeedbackInput,
  ComplaintRequestReviewInput,
} from "./complaint.inputs";
import { assertApprovesComplaints, assertExtendsDeadlines, isApprover, isSeniorApprover } from "./complaint.policy";
import { OPEN_STATES, assertStatusIn, complaintMachine, needsApproval } from "./complaint.states";
import { type FeedbackMethod, type Satisfaction, complaintExtensions } from "./complaint.table";

/** 处理意见: the handler proposes; high and critical (now or ever) wait for a supervisor, the others stand at once. */
export function proposeResolution(ctx: Context, input: ComplaintProposeResolutionInput) {
  return workStep(
    ctx,
    "complaint.proposeResolution",
    input,
    () => text(input.resolution, "resolution", 1, 5000),
    async (m, before, resolution) => {
      if (before.handlerId !== m.actorId) throw forbidden("a resolution proposal (only the complaint's handler proposes)");
      if (needsApproval(before.severity)) await requireCertification(m.tx, m.actorId, "COMPLAINT_HANDLING", m.now);
      // A complaint that was ever high or critical keeps the supervisor's review, whatever it is now.
      const to = needsApproval(before.severity) || needsApproval(before.peakSeverity) ? "AWAITING_APPROVAL" : "RESOLVED";
      complaintMachine.assert(before.status, to);
      const decided = to === "RESOLVED";
      const row = await updateComplaint(m, before.id, {
        status: to,
        resolution,
        resolutionProposedById: m.actorId,
        resolutionProposedAt: m.now,
        approvedById: null,
        decidedAt: decided ? m.now : null,
      });
      await record(m, row, decided ? "RESOLVED" : "STATUS_CHANGED", { action: "RESOLUTION_PROPOSED", from: before.status, to, note: resolution });
      return row;
    },
  );
}

/** 审批: a supervisor approves or refuses the proposal; never the handler or the proposer (maker-checker). */
export function approveResolution(ctx: Context, input: ComplaintApproveResolutionInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "complaint.approveResolution", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    assertApprovesComplaints(ctx.viewer!);
    const note = optionalText(input.note, "note", 1000);
    const before = await lockComplaintFor(m.tx, ctx.viewer!, input.complaintId);
    if (!isApprover(ctx.viewer!, before)) throw forbidden("resolution approval (the department's supervisor)");
    assertStatusIn(before.status, ["AWAITING_APPROVAL"], "approval");
    if (m.actorId === before.handlerId || m.actorId === before.resolutionProposedById) {
      throw new DomainError(ErrorCode.MAKER_CHECKER, "The handler who proposed the resolution cannot approve it: another supervisor must.", ["complaintId"]);
    }
    if (!input.approve && !note) throw badInput("Say why the resolution is refused.", ["note"]);
    const to = input.approve ? "RESOLVED" : "INVESTIGATING";
    complaintMachine.assert(before.status, to);
    const row = await updateComplaint(m, before.id, input.approve ? { status: to, approvedById: m.actorId, decidedAt: m.now } : { status: to });
    await record(m, row, input.approve ? "RESOLVED" : "STATUS_CHANGED", {
      action: input.approve ? "RESOLUTION_APPROVED" : "RESOLUTION_REFUSED",
      from: before.status,
      to,
      note,
    });
    return { complaint: row };
  });
}

/**
 * 延期: 15 → 30 days for a complex case (the handling staff); 30 → 60 only by the head-office senior
 * approver, with the customer told. A review (核查) is decided within its 30 days: no extension.
 */
export function extendDeadline(ctx: Context, input: ComplaintExtendDeadlineInput) {
  return workStep(
    ctx,
    "complaint.extendDeadline",
    input,
    () => text(input.reason, "reason", 1, 1000),
    async (m, before, reason) => {
      assertStatusIn(before.status, OPEN_STATES, "a deadline extension");
      if (before.reviewCount > 0) {
        throw new DomainError(ErrorCode.CONFLICT, `A review (核查) is decided within ${REVIEW_DAYS} days of its request: its deadline is not extended.`, [
          "complaintId",
        ]);
      }
      const next = nextExtension(before.deadlineDays);
      if (!next) throw new DomainError(ErrorCode.CONFLICT, "The deadline is already 60 days, the most the rule allows.", ["complaintId"]);
      const senior = isSeniorApprover(ctx.viewer!);
      if (next.needsSupervisor) {
        if (!senior) throw forbidden("an extension beyond 30 days (the head-office senior approver approves it)");
        if (!input.customerInformedBy) throw badInput("An extension beyond 30 days needs the customer told: say how.", ["customerInformedBy"]);
      } else if (senior) {
        throw forbidden("a first extension (the complaint's handling staff extend to 30 days)");
      }
      if (before.deadlineAt.getTime() < m.now.getTime()) {
        throw new DomainError(ErrorCode.CONFLICT, "The deadline has already passed: an extension must be decided before it.", ["complaintId"]);
      }
      const deadlineAt = deadlineFor(before.deadlineStartAt, next.toDays);
      await m.tx.insert(complaintExtensions).values({
        id: newId("cex"),
        complaintId: before.id,
        fromDays: before.deadlineDays,
        toDays: next.toDays,
        reason,
        requestedById: m.actorId,
        approvedById: next.needsSupervisor ? m.actorId : null,
        customerInformed: input.customerInformedBy ?? null,
        previousDeadlineAt: before.deadlineAt,
        newDeadlineAt: deadlineAt,
        at: m.now,
      });
      const stillClose = deadlineAt.getTime() - m.now.getTime() <= APPROACHING_MS;
      const row = await updateComplaint(m, before.id, {
        deadlineDays: next.toDays,
        deadlineAt,
        approachingFlaggedAt: stillClose ? before.approachingFlaggedAt : null,
      });
      await record(m, row, "EXTENDED", {
        action: "DEADLINE_EXTENDED",
        note: `${before.deadlineDays} → ${next.toDays} days: ${reason}`,
        audit: { before: { deadlineDays: before.deadlineDays }, after: { deadlineDays: next.toDays } },
      });
      return row;
    },
    assertExtendsDeadlines,
  );
}

/**
 * 投诉反馈: when and how the customer received the decision (the review window runs from it) and what
 * they thought of it; a live event like every other step.
 */
export function recordFeedback(ctx: Context, input: ComplaintRecordFeedbackInput) {
  return workStep(
    ctx,
    "complaint.recordFeedback",
    input,
    () => optionalText(input.comment, "comment", 1000),
    async (m, before, comment) => {
      assertStatusIn(before.status, ["RESOLVED"], "feedback");
      const receivedAt = pastTime(input.receivedAt, m.now, before.decidedAt ?? before.receivedAt, "receivedAt", "the decision");
      const row = await updateComplaint(m, before.id, {
        customerToldAt: receivedAt,
        customerToldHow: input.method as FeedbackMethod,
        satisfaction: (input.satisfaction as Satisfaction | null) ?? null,
        satisfactionComment: comment,
      });
      await record(m, row, "FEEDBACK_RECORDED", {
        action: "FEEDBACK_RECORDED",
        note: [input.method, `received ${receivedAt.toISOString()}`, input.satisfaction, comment].filter(Boolean).join(" / "),
      });
      return row;
    },
  );
}

/** Closes a decided complaint once the customer has been told. */
export function close(ctx: Context, input: ComplaintCloseInput) {
  return workStep(
    ctx,
    "complaint.close",
    input,
    () => optionalText(input.note, "note", 1000),
    async (m, before, note) => {
      complaintMachine.assert(before.status, "CLOSED");
      if (!before.customerToldAt) throw new DomainError(ErrorCode.CONFLICT, "Record the feedback to the customer before closing.", ["complaintId"]);
      const row = await updateComplaint(m, before.id, { status: "CLOSED", closedAt: m.now });
      await record(m, row, "CLOSED", { action: "CLOSED", from: before.status, to: "CLOSED", note });
      return row;
    },
  );
}

/**
 * 核查: within 30 days of the customer's receipt of the decision they may ask for a review, once; it
 * reopens one level higher and is decided within 30 days.
 */
export function requestReview(ctx: Context, input: ComplaintRequestReviewInput) {
  return workStep(
    ctx,
    "complaint.requestReview",
    input,
    () => text(input.reason, "reason", 1, 2000),
    async (m, before, reason) => {
      complaintMachine.assert(before.status, "UNDER_REVIEW");
      if (before.reviewCount > 0) {
        throw new DomainError("REVIEW_ALREADY_HELD", "This decision already comes from a review (核查): a second review of it is refused.", ["complaintId"]);
      }
      if (!before.decidedAt || !before.customerToldAt) {
        throw new DomainError("DECISION_NOT_RECEIVED", "Record when the customer received the decision first: the review window runs from that receipt.", [
          "complaintId",
        ]);
      }
      if (m.now.getTime() - before.customerToldAt.getTime() > REVIEW_WINDOW_MS) {
        throw new DomainError("REVIEW_WINDOW_PASSED", "A review may be asked for only within 30 days of the customer receiving the decision.", ["complaintId"]);
      }
      const row = await updateComplaint(m, before.id, {
        status: "UNDER_REVIEW",
        level: Math.min(2, before.level + 1),
        handlerId: null,
        handlerTeamId: null,
        reviewCount: before.reviewCount + 1,
        deadlineStartAt: m.now,
        deadlineDays: REVIEW_DAYS,
        deadlineAt: deadlineFor(m.now, REVIEW_DAYS),
        approachingFlaggedAt: null,
        breachedFlaggedAt: null,
        decidedAt: null,
        closedAt: null,
      });
      // The earlier decision stays readable in the timeline: the reopened record overwrites it later.
      await record(m, row, "REOPENED", {
        action: "REVIEW_REQUESTED",
        from: before.status,
        to: "UNDER_REVIEW",
        note: `${reason} (earlier decision of ${before.decidedAt.toISOString()}, received ${before.customerToldAt.toISOString()}: ${before.resolution ?? ""}; satisfaction ${before.satisfaction ?? "not given"})`,
        formerHandlerId: before.handlerId,
      });
      return row;
    },
  );
}
