import { type SQL, and, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text, optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import { departments } from "../organisation";
import { POSITIONS } from "../../core/viewer";
import type { Tx } from "../../db/client";
import { canApprovePlan, canAuthorPlan } from "./emergency.policy";
import type { CreatedOrder, EmergencyPlanApproveInput, EmergencyPlanDraftInput, EmergencyPlanFilter, EmergencyPlanRetireInput } from "./plan.inputs";
import {
  EMERGENCY_TYPES,
  type EmergencyPlanRow,
  type EmergencyTypeName,
  type PlanStatusName,
  type PlanStep,
  RESPONSE_LEVELS,
  type ResponseLevelName,
  emergencyPlans,
} from "./plan.table";

export const planLifecycle = new StateMachine<PlanStatusName>("EmergencyPlan", {
  DRAFT: ["APPROVED", "RETIRED"],
  APPROVED: ["RETIRED"],
  RETIRED: [],
});

export function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}

export async function lockPlan(tx: Tx, planId: string, field = "planId"): Promise<EmergencyPlanRow> {
  return lockById(tx, emergencyPlans, planId, "The emergency plan", [field]);
}

const sameScope = (departmentId: string | null) =>
  departmentId ? eq(emergencyPlans.scopeDepartmentId, departmentId) : isNull(emergencyPlans.scopeDepartmentId);

export function draftPlan(ctx: Context, input: EmergencyPlanDraftInput) {
  const viewer = requireViewer(ctx);
  if (!canAuthorPlan(viewer)) throw forbidden("drafting an emergency plan (supervisor, manager or security officer)").toGraphQLError();
  return runMutation(ctx, { action: "emergencyPlan.draft", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const type = oneOf<EmergencyTypeName>(EMERGENCY_TYPES, input.type, "type");
    const level = oneOf<ResponseLevelName>(RESPONSE_LEVELS, input.level, "level");
    const title = text(input.title, "title", 1, 200);
    if (input.steps.length < 1 || input.steps.length > 50) throw badInput("A plan has 1 to 50 steps.", ["steps"]);
    const steps: PlanStep[] = input.steps.map((s, i) => ({
      ordinal: i + 1,
      action: text(s.action, `steps.${i}.action`, 1, 500),
      responsibleRole: oneOf(POSITIONS, s.responsibleRole, `steps.${i}.responsibleRole`),
      contacts: optionalText(s.contacts, `steps.${i}.contacts`, 300),
      required: s.required !== false,
    }));
    if (!Number.isInteger(input.drillIntervalDays) || input.drillIntervalDays < 1 || input.drillIntervalDays > 730) {
      throw badInput("drillIntervalDays must be between 1 and 730.", ["drillIntervalDays"]);
    }
    const scope = input.scopeDepartmentId ?? null;
    if (scope !== null) {
      const [d] = await m.tx.select({ id: departments.id }).from(departments).where(eq(departments.id, scope));
      if (!d) throw notFound("The department", ["scopeDepartmentId"]);
    }
    // Serialises drafts of one type and scope so that version numbers do not collide.
    await m.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`emergency_plan:${type}:${scope ?? ""}`}))`);
    const [{ max }] = await m.tx
      .select({ max: sql<number>`coalesce(max(${emergencyPlans.version}), 0)::int` })
      .from(emergencyPlans)
      .where(and(eq(emergencyPlans.type, type), sameScope(scope)));
    const [row] = await m.tx
      .insert(emergencyPlans)
      .values({
        id: newId("epl"),
        type,
        scopeDepartmentId: scope,
        version: Number(max) + 1,
        title,
        level,
        status: "DRAFT",
        steps,
        drillIntervalDays: input.drillIntervalDays,
        authorId: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({ targetType: "EmergencyPlan", targetId: row.id, summary: { after: { type, scope, version: row.version, level, steps: steps.length } } });
    return { plan: row };
  });
}

export function approvePlan(ctx: Context, input: EmergencyPlanApproveInput) {
  const viewer = requireViewer(ctx);
  if (!canApprovePlan(viewer)) throw forbidden("approving an emergency plan (supervisor only)").toGraphQLError();
  return runMutation(ctx, { action: "emergencyPlan.approve", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const plan = await lockPlan(m.tx, input.planId);
    planLifecycle.assert(plan.status, "APPROVED");
    if (plan.authorId === m.actorId)
      throw new DomainError(ErrorCode.MAKER_CHECKER, "A plan must be approved by a supervisor who did not write it.", ["planId"]);
    await m.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`emergency_plan:${plan.type}:${plan.scopeDepartmentId ?? ""}`}))`);
    const previous = await m.tx
      .select()
      .from(emergencyPlans)
      .where(and(eq(emergencyPlans.type, plan.type), sameScope(plan.scopeDepartmentId), eq(emergencyPlans.status, "APPROVED")))
      .for("update");
    for (const old of previous) {
      await m.tx
        .update(emergencyPlans)
        .set({ status: "RETIRED", retiredAt: m.now, retiredReason: `Superseded by version ${plan.version}.`, supersededById: plan.id })
        .where(eq(emergencyPlans.id, old.id));
      m.audit({
        targetType: "EmergencyPlan",
        targetId: old.id,
        summary: { before: { status: "APPROVED" }, after: { status: "RETIRED", supersededById: plan.id } },
      });
    }
    const [row] = await m.tx
      .update(emergencyPlans)
      .set({ status: "APPROVED", approvedById: m.actorId, approvedAt: m.now })
      .where(eq(emergencyPlans.id, plan.id))
      .returning();
    m.audit({
      targetType: "EmergencyPlan",
      targetId: row.id,
      summary: { before: { status: plan.status }, after: { status: "APPROVED" }, superseded: previous.map((p) => p.id) },
    });
    return { plan: row };
  });
}

export function retirePlan(ctx: Context, input: EmergencyPlanRetireInput) {
  const viewer = requireViewer(ctx);
  if (!canApprovePlan(viewer)) throw forbidden("retiring an emergency plan (supervisor only)").toGraphQLError();
  return runMutation(ctx, { action: "emergencyPlan.retire", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const plan = await lockPlan(m.tx, input.planId);
    planLifecycle.assert(plan.status, "RETIRED");
    const [row] = await m.tx
      .update(emergencyPlans)
      .set({ status: "RETIRED", retiredAt: m.now, retiredReason: reason })
      .where(eq(emergencyPlans.id, plan.id))
      .returning();
    m.audit({ targetType: "EmergencyPlan", targetId: row.id, summary: { before: { status: plan.status }, after: { status: "RETIRED" }, reason } });
    return { plan: row };
  });
}

export function listPlans(ctx: Context, filter: EmergencyPlanFilter | null | undefined, order: CreatedOrder | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.type) conds.push(eq(emergencyPlans.type, filter.type as EmergencyTypeName));
  if (filter?.status) conds.push(eq(emergencyPlans.status, filter.status as PlanStatusName));
  if (filter?.scopeDepartmentId) conds.push(eq(emergencyPlans.scopeDepartmentId, filter.scopeDepartmentId));
  return paginateTable({
    exec: ctx.database,
    table: emergencyPlans,
    filters: conds,
    orderBy: emergencyPlans.createdAt,
    direction: order?.direction === "ASC" ? "asc" : "desc",
    args,
  });
}
