import { type SQL, and, eq, inArray, isNull } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { Tx } from "../../db/client";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { Viewer } from "../../core/viewer";
import { assertRequiredStepsSettled } from "./incident-step.service";
import { type IncidentEventKindName, emitIncidentEvent } from "../incidents";
import { improvementActionRaiser } from "./emergency.ports";
import { canHandleEmergency, canSeeAllEmergencies, canSeeEmergency } from "./emergency.policy";
import type {
  EmergencyIncidentActivatePlanInput,
  EmergencyIncidentAddUpdateInput,
  EmergencyIncidentChangeLevelInput,
  EmergencyIncidentChangeStatusInput,
  EmergencyIncidentCompleteStepInput,
  EmergencyIncidentFileReportInput,
  EmergencyIncidentFilter,
  EmergencyIncidentReportInput,
} from "./incident.inputs";
import {
  EMERGENCY_STATUSES,
  type EmergencyIncidentRow,
  type EmergencyStatusName,
  emergencyIncidentReports,
  emergencyIncidentSteps,
  emergencyIncidentUpdates,
  emergencyIncidents,
} from "./incident.table";
import { oneOf } from "./plan.service";
import { EMERGENCY_TYPES, type EmergencyTypeName, RESPONSE_LEVELS, type ResponseLevelName, emergencyPlans } from "./plan.table";

/**
 * Chapter 12.3: an incident responds by activating a plan and is contained only through it, so that an
 * incident with no plan never passes RESPONDING and no incident skips the plan's required steps.
 */
export const incidentLifecycle = new StateMachine<EmergencyStatusName>("EmergencyIncident", {
  REPORTED: ["RESPONDING"],
  RESPONDING: ["CONTAINED"],
  CONTAINED: ["RESOLVED"],
  RESOLVED: ["CLOSED"],
  CLOSED: [],
});

/** Levels I and II (the gravest two) need a post-incident report before the incident is closed. */
export const REPORT_REQUIRED_LEVELS: readonly ResponseLevelName[] = ["I", "II"];

export function assertHandler(ctx: Context) {
  if (!canHandleEmergency(requireViewer(ctx))) throw forbidden("handling an emergency incident (supervisor or manager)").toGraphQLError();
}

export async function lockIncident(ctx: Context, tx: Tx, incidentId: string, handlerOnly: boolean): Promise<EmergencyIncidentRow> {
  const viewer = requireViewer(ctx);
  const [row] = await tx.select().from(emergencyIncidents).where(eq(emergencyIncidents.id, incidentId)).for("update");
  if (!row || !canSeeEmergency(viewer, row)) throw notFound("The emergency incident", ["incidentId"]);
  if (handlerOnly && !canHandleEmergency(viewer)) throw forbidden("handling an emergency incident (supervisor or manager)");
  return row;
}

export async function timeline(m: MutationScope, incident: EmergencyIncidentRow, kind: IncidentEventKindName, note: string, emit = true) {
  await m.tx.insert(emergencyIncidentUpdates).values({ id: newId("eiu"), incidentId: incident.id, kind, note, authorId: m.actorId, at: m.now });
  if (emit) emitIncidentEvent(m, kind, incident, { incidentKind: "EMERGENCY", level: incident.level, note });
}

export async function save(m: MutationScope, id: string, set: Partial<EmergencyIncidentRow>): Promise<EmergencyIncidentRow> {
  const [row] = await m.tx
    .update(emergencyIncidents)
    .set({ ...set, updatedAt: m.now })
    .where(eq(emergencyIncidents.id, id))
    .returning();
  return row;
}

export interface NewEmergencyIncident {
  type: string;
  level: string;
  location: string;
  description: string;
}

/**
 * Reports an incident inside the caller's transaction (any member may report): the equipment module's
 * fault reports raise system-outage incidents through this, with the same checks, timeline and event.
 */
export async function reportIncidentWithin(m: MutationScope, viewer: Viewer, input: NewEmergencyIncident): Promise<EmergencyIncidentRow> {
  const type = oneOf<EmergencyTypeName>(EMERGENCY_TYPES, input.type, "type");
  const level = oneOf<ResponseLevelName>(RESPONSE_LEVELS, input.level, "level");
  const location = text(input.location, "location", 1, 200);
  const description = text(input.description, "description", 1, 2000);
  const [row] = await m.tx
    .insert(emergencyIncidents)
    .values({
      id: newId("ein"),
      type,
      level,
      location,
      description,
      status: "REPORTED",
      reporterId: viewer.id,
      departmentId: viewer.departmentId,
      reportedAt: m.now,
      updatedAt: m.now,
    })
    .returning();
  await timeline(m, row, "REPORTED", `Reported: ${type} at level ${level}, ${location}.`);
  m.audit({ action: "emergencyIncident.report", targetType: "EmergencyIncident", targetId: row.id, summary: { after: { type, level, status: "REPORTED" } } });
  return row;
}

export function reportIncident(ctx: Context, input: EmergencyIncidentReportInput) {
  const viewer = requireViewer(ctx);
  return runMutation(ctx, { action: "emergencyIncident.report", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    return { incident: await reportIncidentWithin(m, viewer, input) };
  });
}

export function activatePlan(ctx: Context, input: EmergencyIncidentActivatePlanInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.activatePlan", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    incidentLifecycle.assert(incident.status, "RESPONDING");
    const [plan] = await m.tx.select().from(emergencyPlans).where(eq(emergencyPlans.id, input.planId)).for("share");
    if (!plan) throw notFound("The emergency plan", ["planId"]);
    if (plan.status !== "APPROVED")
      throw new DomainError("PLAN_NOT_APPROVED", `Only an approved plan can be activated; this version is ${plan.status}.`, ["planId"]);
    if (incident.type !== "OTHER" && plan.type !== incident.type) throw badInput(`The plan is for ${plan.type}; the incident is ${incident.type}.`, ["planId"]);
    await m.tx.insert(emergencyIncidentSteps).values(
      plan.steps.map((s) => ({
        id: newId("eis"),
        incidentId: incident.id,
        ordinal: s.ordinal,
        action: s.action,
        responsibleRole: s.responsibleRole,
        contacts: s.contacts,
        required: s.required !== false,
      })),
    );
    const row = await save(m, incident.id, { status: "RESPONDING", planId: plan.id, respondedAt: m.now });
    await timeline(m, row, "PLAN_ACTIVATED", `Plan "${plan.title}" v${plan.version} activated (${plan.steps.length} steps).`);
    m.audit({
      targetType: "EmergencyIncident",
      targetId: row.id,
      summary: { before: { status: incident.status }, after: { status: "RESPONDING", planId: plan.id } },
    });
    return { incident: row };
  });
}

export function completeStep(ctx: Context, input: EmergencyIncidentCompleteStepInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.completeStep", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = optionalText(input.note, "note", 1000);
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    if (incident.status !== "RESPONDING" && incident.status !== "CONTAINED") {
      throw new DomainError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `Checklist steps are ticked while RESPONDING or CONTAINED; the incident is ${incident.status}.`,
        ["incidentId"],
      );
    }
    const [step] = await m.tx
      .select()
      .from(emergencyIncidentSteps)
      .where(and(eq(emergencyIncidentSteps.incidentId, incident.id), eq(emergencyIncidentSteps.ordinal, input.ordinal)));
    if (!step) throw badInput(`The checklist has no step ${input.ordinal}.`, ["ordinal"]);
    if (step.skippedAt) throw new DomainError("STEP_SKIPPED", `Step ${input.ordinal} was skipped: ${step.skippedReason}`, ["ordinal"]);
    const [done] = await m.tx
      .update(emergencyIncidentSteps)
      .set({ doneById: m.actorId, doneAt: m.now, note })
      .where(and(eq(emergencyIncidentSteps.id, step.id), isNull(emergencyIncidentSteps.doneAt)))
      .returning();
    if (!done) throw new DomainError("STEP_ALREADY_DONE", `Step ${input.ordinal} was already ticked at ${step.doneAt?.toISOString()}.`, ["ordinal"]);
    const row = await save(m, incident.id, {});
    await timeline(m, row, "STEP_DONE", `Step ${input.ordinal} done: ${step.action}${note ? ` (${note})` : ""}`);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { stepDone: input.ordinal } });
    return { incident: row };
  });
}

export function changeLevel(ctx: Context, input: EmergencyIncidentChangeLevelInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.changeLevel", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const level = oneOf<ResponseLevelName>(RESPONSE_LEVELS, input.level, "level");
    const reason = text(input.reason, "reason", 1, 1000);
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    if (incident.status === "CLOSED")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The incident is CLOSED; its level can no longer change.", ["incidentId"]);
    if (incident.level === level) throw badInput(`The incident is already at level ${level}.`, ["level"]);
    const row = await save(m, incident.id, { level });
    const direction = RESPONSE_LEVELS.indexOf(level) < RESPONSE_LEVELS.indexOf(incident.level) ? "raised" : "lowered";
    await timeline(m, row, "LEVEL_CHANGED", `Level ${direction} from ${incident.level} to ${level}: ${reason}`);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { before: { level: incident.level }, after: { level }, reason } });
    return { incident: row };
  });
}

export function addUpdate(ctx: Context, input: EmergencyIncidentAddUpdateInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "emergencyIncident.addUpdate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = text(input.note, "note", 1, 2000);
    // The reporter may add what they see to their own incident; handlers to any.
    const incident = await lockIncident(ctx, m.tx, input.incidentId, false);
    if (incident.status === "CLOSED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The incident is CLOSED.", ["incidentId"]);
    const row = await save(m, incident.id, {});
    await timeline(m, row, "UPDATE_ADDED", note);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { updateAdded: true } });
    return { incident: row };
  });
}

export function changeStatus(ctx: Context, input: EmergencyIncidentChangeStatusInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.changeStatus", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const to = oneOf<EmergencyStatusName>(EMERGENCY_STATUSES, input.status, "status");
    const note = optionalText(input.note, "note", 1000);
    if (to === "RESPONDING") throw badInput("An incident starts RESPONDING by activating a plan (emergencyIncidentActivatePlan).", ["status"]);
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    incidentLifecycle.assert(incident.status, to);
    if (to === "CONTAINED") await assertRequiredStepsSettled(m.tx, incident.id);
    if (to === "CLOSED" && REPORT_REQUIRED_LEVELS.includes(incident.level)) {
      const [report] = await m.tx
        .select({ id: emergencyIncidentReports.id })
        .from(emergencyIncidentReports)
        .where(eq(emergencyIncidentReports.incidentId, incident.id));
      if (!report)
        throw new DomainError("REPORT_REQUIRED", `A level ${incident.level} incident cannot be closed before its post-incident report is filed.`, [
          "incidentId",
        ]);
    }
    const stamp = { CONTAINED: { containedAt: m.now }, RESOLVED: { resolvedAt: m.now }, CLOSED: { closedAt: m.now } } as Record<
      string,
      Partial<EmergencyIncidentRow>
    >;
    const row = await save(m, incident.id, { status: to, ...(stamp[to] ?? {}) });
    await timeline(m, row, to === "CLOSED" ? "CLOSED" : "STATUS_CHANGED", `${incident.status} → ${to}${note ? `: ${note}` : ""}`);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { before: { status: incident.status }, after: { status: to } } });
    return { incident: row };
  });
}

export function fileReport(ctx: Context, input: EmergencyIncidentFileReportInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.fileReport", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const fields = {
      cause: text(input.cause, "cause", 1, 2000),
      impact: text(input.impact, "impact", 1, 2000),
      timelineSummary: text(input.timelineSummary, "timelineSummary", 1, 4000),
      whatWorked: text(input.whatWorked, "whatWorked", 1, 2000),
      whatDidNotWork: text(input.whatDidNotWork, "whatDidNotWork", 1, 2000),
    };
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    if (incident.status === "REPORTED" || incident.status === "RESPONDING") {
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The report is filed once the incident is contained; it is ${incident.status}.`, [
        "incidentId",
      ]);
    }
    const [exists] = await m.tx
      .select({ id: emergencyIncidentReports.id })
      .from(emergencyIncidentReports)
      .where(eq(emergencyIncidentReports.incidentId, incident.id));
    if (exists) throw new DomainError(ErrorCode.DUPLICATE, "The incident already has its post-incident report.", ["incidentId"]);
    const [report] = await m.tx
      .insert(emergencyIncidentReports)
      .values({ id: newId("eir"), incidentId: incident.id, ...fields, authorId: m.actorId, filedAt: m.now })
      .returning();
    const actions = await improvementActionRaiser.use()(m, "INCIDENT_REPORT", incident.id, input.actions, "actions");
    const row = await save(m, incident.id, {});
    await timeline(m, row, "REPORT_FILED", `Post-incident report filed with ${actions.length} improvement action(s).`);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { reportId: report.id, actions: actions.length } });
    return { incident: row };
  });
}

export function listIncidents(ctx: Context, filter: EmergencyIncidentFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canSeeAllEmergencies(viewer)) conds.push(eq(emergencyIncidents.reporterId, viewer.id));
  if (filter?.type) conds.push(eq(emergencyIncidents.type, filter.type as EmergencyTypeName));
  if (filter?.status) conds.push(eq(emergencyIncidents.status, filter.status as EmergencyStatusName));
  if (filter?.departmentId) conds.push(eq(emergencyIncidents.departmentId, filter.departmentId));
  if (filter?.levelAtLeast) {
    const upTo = RESPONSE_LEVELS.slice(0, RESPONSE_LEVELS.indexOf(filter.levelAtLeast as ResponseLevelName) + 1);
    conds.push(inArray(emergencyIncidents.level, [...upTo]));
  }
  return paginateTable({
    exec: ctx.database,
    table: emergencyIncidents,
    filters: conds,
    orderBy: emergencyIncidents.reportedAt,
    direction,
    args,
  });
}
