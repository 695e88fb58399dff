import { type SQL, and, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { CERTIFICATION_KINDS, type CertificationKindName } from "../../core/certification";
import { departments, staff } from "../organisation";
import type {
  TrainingCourseCreateInput,
  TrainingPlanCreateInput,
  TrainingPlanFilter,
  TrainingSessionFilter,
  TrainingSessionCancelInput,
  TrainingSessionCompleteInput,
  TrainingSessionScheduleInput,
} from "./training.inputs";
import { canManageTraining } from "./training.policy";
import { type SessionStatusName, trainingCourses, trainingPlans, trainingSessions } from "./training.table";

export const sessionLifecycle = new StateMachine<SessionStatusName>("TrainingSession", {
  SCHEDULED: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
});

function assertManager(ctx: Context, what: string) {
  if (!canManageTraining(requireViewer(ctx))) throw forbidden(`${what} (trainers)`).toGraphQLError();
}

export function createPlan(ctx: Context, input: TrainingPlanCreateInput) {
  assertManager(ctx, "training plan creation");
  return runMutation(ctx, { action: "trainingPlan.create", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const title = text(input.title, "title", 1, 200);
    const objectives = text(input.objectives, "objectives", 1, 2000);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput("year must be 2000 to 2100.", ["year"]);
    const [dept] = await m.tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) throw notFound("The department", ["departmentId"]);
    const [clash] = await m.tx
      .select({ id: trainingPlans.id })
      .from(trainingPlans)
      .where(and(eq(trainingPlans.departmentId, dept.id), eq(trainingPlans.year, input.year)));
    if (clash) throw new DomainError(ErrorCode.DUPLICATE, `The department already has a training plan for ${input.year}.`, ["year"]);
    const [plan] = await m.tx
      .insert(trainingPlans)
      .values({ id: newId("tpn"), departmentId: dept.id, year: input.year, title, objectives, createdById: m.actorId, createdAt: m.now })
      .returning();
    m.audit({ targetType: "TrainingPlan", targetId: plan.id, summary: { after: { departmentId: dept.id, year: plan.year } } });
    return { plan };
  });
}

export function createCourse(ctx: Context, input: TrainingCourseCreateInput) {
  assertManager(ctx, "course creation");
  return runMutation(ctx, { action: "trainingCourse.create", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const code = text(input.code, "code", 2, 30).toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(code)) throw badInput("code holds letters, digits and dashes only.", ["code"]);
    const title = text(input.title, "title", 1, 200);
    const description = text(input.description, "description", 1, 2000);
    if (!Number.isInteger(input.passMark) || input.passMark < 0 || input.passMark > 100) throw badInput("passMark must be 0 to 100.", ["passMark"]);
    const kind = input.certificationKind ?? null;
    if (kind !== null && !CERTIFICATION_KINDS.includes(kind as CertificationKindName)) throw badInput("Unknown certification kind.", ["certificationKind"]);
    const months = input.validityMonths ?? null;
    if (kind !== null && (months === null || !Number.isInteger(months) || months < 1 || months > 60)) {
      throw badInput("A course that grants a certification says how long it is valid: 1 to 60 months.", ["validityMonths"]);
    }
    if (kind === null && months !== null) throw badInput("validityMonths applies only to a course that grants a certification.", ["validityMonths"]);
    if (input.planId) {
      const [plan] = await m.tx.select({ id: trainingPlans.id }).from(trainingPlans).where(eq(trainingPlans.id, input.planId));
      if (!plan) throw notFound("The training plan", ["planId"]);
    }
    const [dup] = await m.tx.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.code, code));
    if (dup) throw new DomainError(ErrorCode.DUPLICATE, `A course with code ${code} already exists.`, ["code"]);
    const [course] = await m.tx
      .insert(trainingCourses)
      .values({
        id: newId("tcr"),
        planId: input.planId ?? null,
        code,
        title,
        description,
        passMark: input.passMark,
        certificationKind: kind as CertificationKindName | null,
        validityMonths: months,
        createdById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "TrainingCourse", targetId: course.id, summary: { after: { code, passMark: course.passMark, certificationKind: kind } } });
    return { course };
  });
}

export function scheduleSession(ctx: Context, input: TrainingSessionScheduleInput) {
  assertManager(ctx, "session scheduling");
  return runMutation(ctx, { action: "trainingSession.schedule", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const location = text(input.location, "location", 1, 200);
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 500) throw badInput("capacity must be 1 to 500.", ["capacity"]);
    if (Number.isNaN(input.startsAt.getTime()) || input.startsAt.getTime() <= m.now.getTime()) throw badInput("startsAt must be in the future.", ["startsAt"]);
    if (Number.isNaN(input.endsAt.getTime()) || input.endsAt.getTime() <= input.startsAt.getTime())
      throw badInput("endsAt must be after startsAt.", ["endsAt"]);
    const [course] = await m.tx.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.id, input.courseId));
    if (!course) throw notFound("The course", ["courseId"]);
    const [trainer] = await m.tx.select().from(staff).where(eq(staff.id, input.trainerId));
    if (!trainer || !trainer.active) throw notFound("The trainer (an active staff member)", ["trainerId"]);
    if (trainer.position !== "TRAINER") throw badInput("The session's trainer must hold the trainer position.", ["trainerId"]);
    const [session] = await m.tx
      .insert(trainingSessions)
      .values({
        id: newId("tss"),
        courseId: course.id,
        trainerId: trainer.id,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location,
        capacity: input.capacity,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "TrainingSession", targetId: session.id, summary: { after: { courseId: course.id, capacity: session.capacity } } });
    return { session };
  });
}

function moveSession(ctx: Context, action: string, to: SessionStatusName, input: TrainingSessionCompleteInput | TrainingSessionCancelInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const session = await lockById(m.tx, trainingSessions, input.sessionId, "The session", ["sessionId"]);
    const v = ctx.viewer!;
    if (!canManageTraining(v) || (v.position === "TRAINER" && session.trainerId !== v.id)) throw forbidden("changing a session (its trainer)");
    sessionLifecycle.assert(session.status, to);
    if (to === "COMPLETED" && session.startsAt.getTime() > m.now.getTime()) {
      throw new DomainError(ErrorCode.CONFLICT, "A session is completed once it has started.", ["sessionId"]);
    }
    const [row] = await m.tx.update(trainingSessions).set({ status: to }).where(eq(trainingSessions.id, session.id)).returning();
    m.audit({ targetType: "TrainingSession", targetId: row.id, summary: { before: { status: session.status }, after: { status: to } } });
    return { session: row };
  });
}

export const completeSession = (ctx: Context, input: TrainingSessionCompleteInput) => moveSession(ctx, "trainingSession.complete", "COMPLETED", input);
export const cancelSession = (ctx: Context, input: TrainingSessionCancelInput) => moveSession(ctx, "trainingSession.cancel", "CANCELLED", input);

export function listPlans(ctx: Context, filter: TrainingPlanFilter | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.departmentId) conds.push(eq(trainingPlans.departmentId, filter.departmentId));
  if (filter?.year != null) conds.push(eq(trainingPlans.year, filter.year));
  return paginateTable({ exec: ctx.database, table: trainingPlans, filters: conds, orderBy: trainingPlans.createdAt, direction: "desc", args });
}

export function listCourses(ctx: Context, planId: string | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = planId ? [eq(trainingCourses.planId, planId)] : [];
  return paginateTable({ exec: ctx.database, table: trainingCourses, filters: conds, orderBy: trainingCourses.createdAt, direction: "desc", args });
}

export function listSessions(ctx: Context, filter: TrainingSessionFilter | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.courseId) conds.push(eq(trainingSessions.courseId, filter.courseId));
  if (filter?.status) conds.push(eq(trainingSessions.status, filter.status as SessionStatusName));
  return paginateTable({ exec: ctx.database, table: trainingSessions, filters: conds, orderBy: trainingSessions.startsAt, direction: "asc", args });
}
