import { type SQL, and, eq, inArray } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import type { Tx } from "../../db/client";
import { staff } from "../organisation";
import { improvementActionRaiser } from "./emergency.ports";
import type {
  EmergencyDrillAddFindingInput,
  EmergencyDrillCompleteInput,
  EmergencyDrillFilter,
  EmergencyDrillRecordStepInput,
  EmergencyDrillRefInput,
  EmergencyDrillScheduleInput,
} from "./drill.inputs";
import {
  DRILL_KINDS,
  type DrillKindName,
  type DrillStatusName,
  type EmergencyDrillRow,
  SEVERITIES,
  type SeverityName,
  drillFindings,
  emergencyDrills,
} from "./drill.table";
import { canOrganiseDrill } from "./emergency.policy";
import { emergencyPlans } from "./plan.table";
import { oneOf } from "./plan.service";

export const drillLifecycle = new StateMachine<DrillStatusName>("EmergencyDrill", {
  SCHEDULED: ["IN_PROGRESS", "CANCELLED"],
  IN_PROGRESS: ["COMPLETED"],
  COMPLETED: [],
  CANCELLED: [],
});

function assertOrganiser(ctx: Context, what: string) {
  const viewer = requireViewer(ctx);
  if (!canOrganiseDrill(viewer)) throw forbidden(`${what} (supervisor or manager)`).toGraphQLError();
}

async function lockDrill(tx: Tx, drillId: string): Promise<EmergencyDrillRow> {
  return lockById(tx, emergencyDrills, drillId, "The drill", ["drillId"]);
}

export function scheduleDrill(ctx: Context, input: EmergencyDrillScheduleInput) {
  assertOrganiser(ctx, "scheduling a drill");
  return runMutation(ctx, { action: "emergencyDrill.schedule", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const kind = oneOf<DrillKindName>(DRILL_KINDS, input.kind, "kind");
    const title = text(input.title, "title", 1, 200);
    if (Number.isNaN(input.scheduledAt.getTime())) throw badInput("scheduledAt is not a valid time.", ["scheduledAt"]);
    const ids = [...new Set(input.participantIds)];
    if (ids.length < 1 || ids.length > 200) throw badInput("A drill has 1 to 200 participants.", ["participantIds"]);
    const [plan] = await m.tx.select().from(emergencyPlans).where(eq(emergencyPlans.id, input.planId));
    if (!plan) throw notFound("The emergency plan", ["planId"]);
    if (plan.status !== "APPROVED")
      throw new DomainError("PLAN_NOT_APPROVED", `Only an approved plan can be drilled; this version is ${plan.status}.`, ["planId"]);
    const found = await m.tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(inArray(staff.id, ids), eq(staff.active, true)));
    if (found.length !== ids.length) throw notFound("A participant (an active staff member)", ["participantIds"]);
    const [row] = await m.tx
      .insert(emergencyDrills)
      .values({ id: newId("edr"), planId: plan.id, kind, title, scheduledAt: input.scheduledAt, participantIds: ids, organiserId: m.actorId, createdAt: m.now })
      .returning();
    m.audit({
      targetType: "EmergencyDrill",
      targetId: row.id,
      summary: { after: { planId: plan.id, kind, scheduledAt: row.scheduledAt.toISOString(), participants: ids.length } },
    });
    return { drill: row };
  });
}

function moveDrill(ctx: Context, action: string, to: DrillStatusName, input: EmergencyDrillRefInput) {
  assertOrganiser(ctx, "running a drill");
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = to === "CANCELLED" ? text(input.reason, "reason", 1, 500) : null;
    const drill = await lockDrill(m.tx, input.drillId);
    drillLifecycle.assert(drill.status, to);
    const [row] = await m.tx
      .update(emergencyDrills)
      .set(to === "IN_PROGRESS" ? { status: to, startedAt: m.now } : { status: to, evaluationSummary: reason })
      .where(eq(emergencyDrills.id, drill.id))
      .returning();
    m.audit({ targetType: "EmergencyDrill", targetId: row.id, summary: { before: { status: drill.status }, after: { status: to }, reason } });
    return { drill: row };
  });
}

export const startDrill = (ctx: Context, input: EmergencyDrillRefInput) => moveDrill(ctx, "emergencyDrill.start", "IN_PROGRESS", input);
export const cancelDrill = (ctx: Context, input: EmergencyDrillRefInput) => moveDrill(ctx, "emergencyDrill.cancel", "CANCELLED", input);

export function recordDrillStep(ctx: Context, input: EmergencyDrillRecordStepInput) {
  assertOrganiser(ctx, "recording a drill");
  return runMutation(ctx, { action: "emergencyDrill.recordStep", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const observation = text(input.observation, "observation", 1, 1000);
    const drill = await lockDrill(m.tx, input.drillId);
    if (drill.status !== "IN_PROGRESS")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Steps are recorded while a drill is IN_PROGRESS; it is ${drill.status}.`, ["drillId"]);
    const [plan] = await m.tx.select().from(emergencyPlans).where(eq(emergencyPlans.id, drill.planId));
    if (!plan.steps.some((s) => s.ordinal === input.ordinal)) throw badInput(`The plan has no step ${input.ordinal}.`, ["ordinal"]);
    if (drill.stepLog.some((s) => s.ordinal === input.ordinal))
      throw new DomainError(ErrorCode.CONFLICT, `Step ${input.ordinal} is already recorded for this drill.`, ["ordinal"]);
    const log = [...drill.stepLog, { ordinal: input.ordinal, observation, recordedById: m.actorId, recordedAt: m.now.toISOString() }].sort(
      (a, b) => a.ordinal - b.ordinal,
    );
    const [row] = await m.tx.update(emergencyDrills).set({ stepLog: log }).where(eq(emergencyDrills.id, drill.id)).returning();
    m.audit({ targetType: "EmergencyDrill", targetId: row.id, summary: { stepRecorded: input.ordinal } });
    return { drill: row };
  });
}

export function completeDrill(ctx: Context, input: EmergencyDrillCompleteInput) {
  assertOrganiser(ctx, "completing a drill");
  return runMutation(ctx, { action: "emergencyDrill.complete", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!Number.isInteger(input.evaluationScore) || input.evaluationScore < 0 || input.evaluationScore > 100)
      throw badInput("evaluationScore must be 0 to 100.", ["evaluationScore"]);
    const summary = text(input.evaluationSummary, "evaluationSummary", 1, 2000);
    const drill = await lockDrill(m.tx, input.drillId);
    drillLifecycle.assert(drill.status, "COMPLETED");
    const [row] = await m.tx
      .update(emergencyDrills)
      .set({ status: "COMPLETED", endedAt: m.now, evaluationScore: input.evaluationScore, evaluationSummary: summary })
      .where(eq(emergencyDrills.id, drill.id))
      .returning();
    m.audit({
      targetType: "EmergencyDrill",
      targetId: row.id,
      summary: { before: { status: drill.status }, after: { status: "COMPLETED", evaluationScore: input.evaluationScore } },
    });
    return { drill: row };
  });
}

export function addDrillFinding(ctx: Context, input: EmergencyDrillAddFindingInput) {
  assertOrganiser(ctx, "recording a drill finding");
  return runMutation(ctx, { action: "emergencyDrill.addFinding", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const severity = oneOf<SeverityName>(SEVERITIES, input.severity, "severity");
    const description = text(input.description, "description", 1, 1000);
    const drill = await lockDrill(m.tx, input.drillId);
    if (drill.status !== "IN_PROGRESS" && drill.status !== "COMPLETED") {
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Findings belong to a running or completed drill; it is ${drill.status}.`, ["drillId"]);
    }
    const [finding] = await m.tx
      .insert(drillFindings)
      .values({ id: newId("dfn"), drillId: drill.id, severity, description, recordedById: m.actorId, createdAt: m.now })
      .returning();
    m.audit({ targetType: "DrillFinding", targetId: finding.id, summary: { after: { drillId: drill.id, severity } } });
    const actions = await improvementActionRaiser.use()(m, "DRILL_FINDING", finding.id, input.actions, "actions");
    return { finding, actions };
  });
}

export function listDrills(ctx: Context, filter: EmergencyDrillFilter | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.planId) conds.push(eq(emergencyDrills.planId, filter.planId));
  if (filter?.status) conds.push(eq(emergencyDrills.status, filter.status as DrillStatusName));
  return paginateTable({
    exec: ctx.database,
    table: emergencyDrills,
    filters: conds,
    orderBy: emergencyDrills.scheduledAt,
    direction: "desc",
    args,
  });
}

/**
 * Approved plans whose drill is overdue: the last completed drill of any version of the same type and
 * scope (or the approval, when there was none) plus the plan's interval lies in the past.
 */
export async function overdueDrills(ctx: Context) {
  requireViewer(ctx);
  const rows = await ctx.database.query<{ id: string; last: Date | string | null }>(
    `select p.id,
            (select max(d.ended_at) from emergency_drills d join emergency_plans q on q.id = d.plan_id
              where d.status = 'COMPLETED' and q.type = p.type and coalesce(q.scope_department_id, '') = coalesce(p.scope_department_id, '')) as last
       from emergency_plans p where p.status = 'APPROVED' order by p.type, p.id`,
  );
  const now = ctx.clock.now().getTime();
  const out = [];
  for (const r of rows) {
    const plan = await ctx.loaders.of(emergencyPlans).load(r.id);
    if (!plan) continue;
    const last = r.last ? new Date(r.last) : null;
    const from = last ?? plan.approvedAt ?? plan.createdAt;
    const dueAt = new Date(from.getTime() + plan.drillIntervalDays * 86_400_000);
    if (dueAt.getTime() < now) out.push({ plan, lastDrillAt: last, dueAt });
  }
  return out;
}
