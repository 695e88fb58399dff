import { type SQL, and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { hidden } from "../../shared/scope";
import { StateMachine } from "../../shared/state-machine";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertNotAccused, complaints, inScope } from "../complaints";
import { staff } from "../organisation";
import type { ImprovementActionFilter, ImprovementActionRaiseInput, ImprovementActionUpdateStatusInput } from "./improvement.inputs";
import {
  ACTION_SOURCES,
  ACTION_STATUSES,
  type ActionSourceName,
  type ActionStatusName,
  type ImprovementActionRow,
  improvementActions,
} from "./improvement.table";
import { qualityInspections } from "./inspection.table";
import { resolveScope } from "./kpi.service";
import { KPI_CODES, type KpiCodeName } from "./kpi.table";
import { inspectionVisible } from "./quality.access";
import { canManageActions, canRaiseAction } from "./quality.policy";

export const actionLifecycle = new StateMachine<ActionStatusName>("ImprovementAction", {
  OPEN: ["IN_PROGRESS", "DONE", "CANCELLED"],
  IN_PROGRESS: ["DONE", "CANCELLED"],
  DONE: [],
  CANCELLED: [],
});

/** An action as another procedure (a drill finding, a post-incident report) hands it over. */
export interface ActionDraft {
  description: string;
  ownerId: string;
  dueAt: Date;
}

/** What an action may carry besides its draft: the root cause and the KPI that measures its effect. */
export interface ActionExtras {
  rootCause?: string | null;
  kpiCode?: KpiCodeName | null;
  kpiDepartmentId?: string | null;
  kpiTeamId?: string | null;
  kpiStaffId?: string | null;
  effectWindowDays?: number;
}

/**
 * Validates and inserts improvement actions inside the caller's mutation (the one way every source
 * raises them): owners must be active members, due dates in the future, at most 20 at once.
 */
export async function raiseActions(
  m: MutationScope,
  sourceType: ActionSourceName,
  sourceId: string,
  list: readonly ActionDraft[] | null | undefined,
  field: string,
  extras: ActionExtras = {},
): Promise<ImprovementActionRow[]> {
  const actions = list ?? [];
  if (actions.length > 20) throw badInput("At most 20 improvement actions at once.", [field]);
  const owners = [...new Set(actions.map((a) => a.ownerId))];
  const found = owners.length
    ? await m.tx
        .select({ id: staff.id })
        .from(staff)
        .where(and(inArray(staff.id, owners), eq(staff.active, true)))
    : [];
  const rows = actions.map((a, i) => {
    const path = field ? [field, String(i)] : [];
    const description = text(a.description, [...path, "description"].join("."), 1, 500);
    if (!found.some((f) => f.id === a.ownerId)) throw notFound("The owner (an active staff member)", [...path, "ownerId"]);
    if (!(a.dueAt instanceof Date) || Number.isNaN(a.dueAt.getTime()) || a.dueAt <= m.now) throw badInput("dueAt must be in the future.", [...path, "dueAt"]);
    return {
      id: newId("imp"),
      sourceType,
      sourceId,
      description,
      ownerId: a.ownerId,
      dueAt: a.dueAt,
      status: "OPEN" as const,
      createdById: m.actorId,
      createdAt: m.now,
      rootCause: extras.rootCause ?? null,
      kpiCode: extras.kpiCode ?? null,
      kpiDepartmentId: extras.kpiDepartmentId ?? null,
      kpiTeamId: extras.kpiTeamId ?? null,
      kpiStaffId: extras.kpiStaffId ?? null,
      effectWindowDays: extras.effectWindowDays ?? 30,
    };
  });
  if (rows.length === 0) return [];
  const inserted = await m.tx.insert(improvementActions).values(rows).returning();
  for (const r of inserted)
    m.audit({
      action: "improvementAction.raise",
      targetType: "ImprovementAction",
      targetId: r.id,
      summary: { after: { sourceType, sourceId, ownerId: r.ownerId, dueAt: r.dueAt.toISOString(), kpiCode: r.kpiCode } },
    });
  return inserted;
}

const RAISED_HERE: readonly ActionSourceName[] = ["COMPLAINT_ROOT_CAUSE", "INSPECTION_FINDING", "KPI_MISS"];

/** Raises one action from a complaint's root cause (溯源整改), an inspection finding or a KPI miss. */
export function raiseAction(ctx: Context, input: ImprovementActionRaiseInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "improvementAction.raise", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    if (!canRaiseAction(viewer)) throw forbidden("raising an improvement action (a manager, supervisor, head-office senior or the administrator)");
    const sourceType = input.sourceType as ActionSourceName;
    if (!ACTION_SOURCES.includes(sourceType) || !RAISED_HERE.includes(sourceType))
      throw badInput(
        "Only a complaint root cause, an inspection finding or a KPI miss is raised here; drills, incident reports and complaint trends raise their own.",
        ["sourceType"],
      );
    let rootCause = optionalText(input.rootCause, "rootCause", 1000);
    let kpiCode = (input.kpiCode ?? null) as KpiCodeName | null;
    if (sourceType === "COMPLAINT_ROOT_CAUSE") {
      const [c] = await m.tx.select().from(complaints).where(eq(complaints.id, input.sourceId));
      if (!c || !inScope(viewer, c)) throw hidden("The complaint", ["sourceId"]);
      assertNotAccused(viewer, c, ["sourceId"]);
      if (!rootCause) throw badInput("A complaint's improvement action records its root cause (溯源).", ["rootCause"]);
    } else if (sourceType === "INSPECTION_FINDING") {
      const [row] = await m.tx.select().from(qualityInspections).where(eq(qualityInspections.id, input.sourceId));
      if (!row || !inspectionVisible(viewer, row)) throw hidden("The inspection", ["sourceId"]);
    } else {
      if (!KPI_CODES.includes(input.sourceId as KpiCodeName)) throw notFound("The KPI", ["sourceId"]);
      kpiCode ??= input.sourceId as KpiCodeName;
      rootCause ??= null;
    }
    if (kpiCode !== null && !KPI_CODES.includes(kpiCode)) throw badInput("Unknown KPI.", ["kpiCode"]);
    const window = input.effectWindowDays ?? 30;
    if (!Number.isInteger(window) || window < 1 || window > 366) throw badInput("effectWindowDays must be 1 to 366.", ["effectWindowDays"]);
    if (input.kpiScope && !kpiCode) throw badInput("kpiScope needs a kpiCode.", ["kpiScope"]);
    const scope = kpiCode ? await resolveScope(m.tx, input.kpiScope, "kpiScope") : null;
    const [action] = await raiseActions(m, sourceType, input.sourceId, [{ description: input.description, ownerId: input.ownerId, dueAt: input.dueAt }], "", {
      rootCause,
      kpiCode,
      kpiDepartmentId: scope?.scope.kind === "DEPARTMENT" ? scope.departmentId : null,
      kpiTeamId: scope?.scope.kind === "TEAM" ? scope.teamId : null,
      kpiStaffId: scope?.scope.kind === "STAFF" ? scope.staffId : null,
      effectWindowDays: window,
    });
    return { action };
  });
}

export function updateActionStatus(ctx: Context, input: ImprovementActionUpdateStatusInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "improvementAction.updateStatus", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const status = input.status as ActionStatusName;
    if (!ACTION_STATUSES.includes(status)) throw badInput("Unknown status.", ["status"]);
    const row = await lockById(m.tx, improvementActions, input.actionId, "The improvement action", ["actionId"]);
    if (row.ownerId !== m.actorId && !canManageActions(ctx.viewer!)) throw forbidden("updating an improvement action (its owner, a manager or a supervisor)");
    actionLifecycle.assert(row.status, status);
    const [after] = await m.tx
      .update(improvementActions)
      .set({ status, completedAt: status === "DONE" ? m.now : null })
      .where(eq(improvementActions.id, row.id))
      .returning();
    m.audit({ targetType: "ImprovementAction", targetId: row.id, summary: { before: { status: row.status }, after: { status } } });
    return { action: after };
  });
}

export function isOverdue(a: Pick<ImprovementActionRow, "status" | "dueAt">, now: Date): boolean {
  return (a.status === "OPEN" || a.status === "IN_PROGRESS") && a.dueAt < now;
}

export function listActions(ctx: Context, filter: ImprovementActionFilter | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.ownerId) conds.push(eq(improvementActions.ownerId, filter.ownerId));
  if (filter?.status) conds.push(eq(improvementActions.status, filter.status as ActionStatusName));
  if (filter?.sourceId) conds.push(eq(improvementActions.sourceId, filter.sourceId));
  if (filter?.sourceType) conds.push(eq(improvementActions.sourceType, filter.sourceType as ActionSourceName));
  if (filter?.overdue != null) {
    const overdue = and(inArray(improvementActions.status, ["OPEN", "IN_PROGRESS"]), lt(improvementActions.dueAt, ctx.clock.now()))!;
    conds.push(filter.overdue ? overdue : sql`not (${overdue})`);
  }
  return paginateTable({ exec: ctx.database, table: improvementActions, filters: conds, orderBy: improvementActions.dueAt, direction: "asc", args });
}

/** Actions raised by one source record, earliest due first. */
export function actionsOf(ctx: Context, sourceId: string) {
  return ctx.database.db
    .select()
    .from(improvementActions)
    .where(eq(improvementActions.sourceId, sourceId))
    .orderBy(improvementActions.dueAt, improvementActions.id);
}
