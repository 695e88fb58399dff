import { type SQL, and, asc, eq, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Tx } from "../../db/client";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { staff } from "../organisation";
import { grantCertification } from "./certification.service";
import type {
  TrainingAssessmentRecordInput,
  TrainingAttendanceRecordInput,
  TrainingEnrolInput,
  TrainingEnrolmentFilter,
  TrainingEnrolmentCancelInput,
  TrainingFeedbackGiveInput,
} from "./training.inputs";
import { canEnrolOther, canRecordFor, memberCondition, seesMember } from "./training.policy";
import {
  ATTENDANCES,
  type AttendanceName,
  type EnrolmentStatusName,
  type TrainingEnrolmentRow,
  type TrainingSessionRow,
  trainingCourses,
  trainingEnrolments,
  trainingSessions,
} from "./training.table";

const lockSession = (tx: Tx, id: string, field = ["sessionId"]) => lockById(tx, trainingSessions, id, "The session", field);

/** Locks an enrolment the viewer may see (its member is in their scope); otherwise NOT_FOUND, as for a missing one. */
async function lockEnrolment(m: MutationScope, id: string): Promise<TrainingEnrolmentRow> {
  return lockById(m.tx, trainingEnrolments, id, "The enrolment", ["enrolmentId"], async (row) => {
    const [member] = await m.tx.select().from(staff).where(eq(staff.id, row.staffId));
    return member !== undefined && seesMember(m.ctx.viewer!, member);
  });
}

async function enrolledCount(tx: Tx, sessionId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingEnrolments)
    .where(and(eq(trainingEnrolments.sessionId, sessionId), eq(trainingEnrolments.status, "ENROLLED")));
  return Number(r.n);
}

function assertOpenForEnrolment(session: TrainingSessionRow, now: Date): void {
  if (session.status !== "SCHEDULED" || session.startsAt.getTime() <= now.getTime()) {
    throw new DomainError(
      ErrorCode.INVALID_STATE_TRANSITION,
      `Enrolment changes are possible while a session is SCHEDULED and has not started; it is ${session.status}.`,
      ["sessionId"],
    );
  }
}

/** 报名: a seat while the session has one, else the waitlist. The session row is locked, so seats are never oversold. */
export function enrol(ctx: Context, input: TrainingEnrolInput) {
  const v = requireViewer(ctx);
  return runMutation(ctx, { action: "training.enrol", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const memberId = input.staffId ?? v.id;
    const [member] = await m.tx.select().from(staff).where(eq(staff.id, memberId));
    if (!member || !member.active) throw notFound("The staff member", ["staffId"]);
    if (member.id !== v.id && !canEnrolOther(v, member)) throw forbidden("enrolling another member (trainers, their manager or supervisor)");
    const session = await lockSession(m.tx, input.sessionId);
    assertOpenForEnrolment(session, m.now);
    const [existing] = await m.tx
      .select()
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.sessionId, session.id), eq(trainingEnrolments.staffId, member.id)));
    if (existing && existing.status !== "CANCELLED")
      throw new DomainError(ErrorCode.DUPLICATE, `Already ${existing.status.toLowerCase()} in this session.`, ["sessionId"]);
    const status: EnrolmentStatusName = (await enrolledCount(m.tx, session.id)) < session.capacity ? "ENROLLED" : "WAITLISTED";
    const [enrolment] = existing
      ? await m.tx.update(trainingEnrolments).set({ status, enrolledAt: m.now }).where(eq(trainingEnrolments.id, existing.id)).returning()
      : await m.tx
          .insert(trainingEnrolments)
          .values({ id: newId("ten"), sessionId: session.id, staffId: member.id, status, enrolledAt: m.now })
          .returning();
    m.audit({ targetType: "TrainingEnrolment", targetId: enrolment.id, summary: { after: { sessionId: session.id, staffId: member.id, status } } });
    return { enrolment, promoted: null, certification: null };
  });
}

/** Cancels an enrolment; a freed seat goes to the first on the waitlist (by enrolment time). */
export function cancelEnrolment(ctx: Context, input: TrainingEnrolmentCancelInput) {
  const v = requireViewer(ctx);
  return runMutation(ctx, { action: "training.cancelEnrolment", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await lockEnrolment(m, input.enrolmentId);
    const [member] = await m.tx.select().from(staff).where(eq(staff.id, before.staffId));
    if (before.staffId !== v.id && !canEnrolOther(v, member)) throw forbidden("cancelling another member's enrolment");
    const session = await lockSession(m.tx, before.sessionId, ["enrolmentId"]);
    assertOpenForEnrolment(session, m.now);
    if (before.status === "CANCELLED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The enrolment is already CANCELLED.", ["enrolmentId"]);
    const [enrolment] = await m.tx.update(trainingEnrolments).set({ status: "CANCELLED" }).where(eq(trainingEnrolments.id, before.id)).returning();
    let promoted: TrainingEnrolmentRow | null = null;
    if (before.status === "ENROLLED") {
      const [next] = await m.tx
        .select()
        .from(trainingEnrolments)
        .where(and(eq(trainingEnrolments.sessionId, session.id), eq(trainingEnrolments.status, "WAITLISTED")))
        .orderBy(asc(trainingEnrolments.enrolledAt), asc(trainingEnrolments.id))
        .limit(1)
        .for("update");
      if (next) {
        [promoted] = await m.tx.update(trainingEnrolments).set({ status: "ENROLLED" }).where(eq(trainingEnrolments.id, next.id)).returning();
        m.audit({ targetType: "TrainingEnrolment", targetId: next.id, summary: { before: { status: "WAITLISTED" }, after: { status: "ENROLLED" } } });
      }
    }
    m.audit({ targetType: "TrainingEnrolment", targetId: before.id, summary: { before: { status: before.status }, after: { status: "CANCELLED" } } });
    return { enrolment, promoted, certification: null };
  });
}

/** 考勤: the session's trainer records whether an enrolled participant attended, once the session has started. */
export function recordAttendance(ctx: Context, input: TrainingAttendanceRecordInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "training.recordAttendance", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!ATTENDANCES.includes(input.attendance as AttendanceName)) throw badInput("attendance must be PRESENT or ABSENT.", ["attendance"]);
    const before = await lockEnrolment(m, input.enrolmentId);
    const session = await lockSession(m.tx, before.sessionId, ["enrolmentId"]);
    if (!canRecordFor(ctx.viewer!, session)) throw forbidden("recording attendance (the session's trainer)");
    if (before.status !== "ENROLLED")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Attendance is for ENROLLED participants; this one is ${before.status}.`, ["enrolmentId"]);
    if (session.status === "CANCELLED" || session.startsAt.getTime() > m.now.getTime()) {
      throw new DomainError(ErrorCode.CONFLICT, "Attendance is recorded once the session has started (and was not cancelled).", ["enrolmentId"]);
    }
    if (before.assessedAt) throw new DomainError(ErrorCode.CONFLICT, "The participant is already assessed: attendance is final.", ["enrolmentId"]);
    const [enrolment] = await m.tx
      .update(trainingEnrolments)
      .set({ attendance: input.attendance as AttendanceName })
      .where(eq(trainingEnrolments.id, before.id))
      .returning();
    m.audit({
      targetType: "TrainingEnrolment",
      targetId: before.id,
      summary: { before: { attendance: before.attendance }, after: { attendance: input.attendance } },
    });
    return { enrolment, promoted: null, certification: null };
  });
}

/** 考核: the trainer records the score of a participant who attended; at or above the pass mark it passes and grants the course's certification. */
export function recordAssessment(ctx: Context, input: TrainingAssessmentRecordInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "training.recordAssessment", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100) throw badInput("score must be 0 to 100.", ["score"]);
    const before = await lockEnrolment(m, input.enrolmentId);
    const session = await lockSession(m.tx, before.sessionId, ["enrolmentId"]);
    if (!canRecordFor(ctx.viewer!, session)) throw forbidden("recording an assessment (the session's trainer)");
    if (before.attendance !== "PRESENT") throw new DomainError(ErrorCode.CONFLICT, "Only a participant recorded PRESENT is assessed.", ["enrolmentId"]);
    if (before.assessedAt)
      throw new DomainError(ErrorCode.CONFLICT, "The participant is already assessed in this session; a retake is another session.", ["enrolmentId"]);
    const [course] = await m.tx.select().from(trainingCourses).where(eq(trainingCourses.id, session.courseId));
    const passed = input.score >= course.passMark;
    const [enrolment] = await m.tx
      .update(trainingEnrolments)
      .set({ score: input.score, passed, assessedById: m.actorId, assessedAt: m.now })
      .where(eq(trainingEnrolments.id, before.id))
      .returning();
    m.audit({ targetType: "TrainingEnrolment", targetId: before.id, summary: { after: { score: input.score, passed, passMark: course.passMark } } });
    const certification = passed && course.certificationKind && course.validityMonths ? await grantCertification(m, enrolment, course) : null;
    return { enrolment, promoted: null, certification };
  });
}

/** 课程评价: the participant rates the course once, after attending. */
export function giveFeedback(ctx: Context, input: TrainingFeedbackGiveInput) {
  const v = requireViewer(ctx);
  return runMutation(ctx, { action: "training.giveFeedback", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw badInput("rating must be 1 to 5.", ["rating"]);
    const comment = optionalText(input.comment, "comment", 1000);
    const before = await lockEnrolment(m, input.enrolmentId);
    if (before.staffId !== v.id) throw forbidden("course feedback (only the participant gives it)");
    if (before.attendance !== "PRESENT") throw new DomainError(ErrorCode.CONFLICT, "Feedback is given by a participant who attended.", ["enrolmentId"]);
    if (before.feedbackAt) throw new DomainError(ErrorCode.DUPLICATE, "Feedback on this course session was already given.", ["enrolmentId"]);
    const [enrolment] = await m.tx
      .update(trainingEnrolments)
      .set({ feedbackRating: input.rating, feedbackComment: comment, feedbackAt: m.now })
      .where(eq(trainingEnrolments.id, before.id))
      .returning();
    m.audit({ targetType: "TrainingEnrolment", targetId: before.id, summary: { after: { feedbackRating: input.rating } } });
    return { enrolment, promoted: null, certification: null };
  });
}

export function listEnrolments(ctx: Context, filter: TrainingEnrolmentFilter | null | undefined, args: ConnectionArgs) {
  const v = requireViewer(ctx);
  const conds: SQL[] = [memberCondition(v, trainingEnrolments.staffId)];
  if (filter?.sessionId) conds.push(eq(trainingEnrolments.sessionId, filter.sessionId));
  if (filter?.staffId) conds.push(eq(trainingEnrolments.staffId, filter.staffId));
  if (filter?.status) conds.push(eq(trainingEnrolments.status, filter.status as EnrolmentStatusName));
  return paginateTable({ exec: ctx.database, table: trainingEnrolments, filters: conds, orderBy: trainingEnrolments.enrolledAt, direction: "asc", args });
}
