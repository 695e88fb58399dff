import { type SQL, and, eq, inArray } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import { staff } from "../organisation";
import type { ImprovementActionFilter, ImprovementActionInput, ImprovementActionUpdateStatusInput } from "./drill.inputs";
import { ACTION_STATUSES, type ActionStatusName, type ImprovementActionRow, improvementActions } from "./drill.table";
import { canOrganiseDrill } from "./emergency.policy";
import { oneOf } from "./plan.service";

export const actionLifecycle = new StateMachine<ActionStatusName>("ImprovementAction", {
  OPEN: ["IN_PROGRESS", "DONE", "CANCELLED"],
  IN_PROGRESS: ["DONE", "CANCELLED"],
  DONE: [],
  CANCELLED: [],
});

/** Validates and inserts improvement actions inside the caller's mutation. */
export async function raiseActions(
  m: MutationScope,
  sourceType: ImprovementActionRow["sourceType"],
  sourceId: string,
  list: ImprovementActionInput[] | null | undefined,
  field: string,
) {
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
    const description = text(a.description, `${field}.${i}.description`, 1, 500);
    if (!found.some((f) => f.id === a.ownerId)) throw notFound("The owner (an active staff member)", [field, String(i), "ownerId"]);
    if (!(a.dueAt instanceof Date) || Number.isNaN(a.dueAt.getTime()) || a.dueAt <= m.now)
      throw badInput("dueAt must be in the future.", [field, String(i), "dueAt"]);
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
    };
  });
  if (rows.length === 0) return [];
  const inserted = await m.tx.insert(improvementActions).values(rows).returning();
  for (const r of inserted)
    m.audit({
      targetType: "ImprovementAction",
      targetId: r.id,
      summary: { after: { sourceType, sourceId, ownerId: r.ownerId, dueAt: r.dueAt.toISOString() } },
    });
  return inserted;
}

export function updateActionStatus(ctx: Context, input: ImprovementActionUpdateStatusInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "improvementAction.updateStatus", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const status = oneOf<ActionStatusName>(ACTION_STATUSES, input.status, "status");
    const row = await lockById(m.tx, improvementActions, input.actionId, "The improvement action", ["actionId"]);
    if (row.ownerId !== m.actorId && !canOrganiseDrill(ctx.viewer!)) throw forbidden("updating an improvement action (its owner, a manager or a supervisor)");
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

export function listActions(ctx: Context, filter: ImprovementActionFilter | null | undefined, args: ConnectionArgs) {
  requireViewer(ctx);
  const conds: SQL[] = [];
  if (filter?.ownerId) conds.push(eq(improvementActions.ownerId, filter.ownerId));
  if (filter?.status) conds.push(eq(improvementActions.status, filter.status as ActionStatusName));
  if (filter?.sourceId) conds.push(eq(improvementActions.sourceId, filter.sourceId));
  return paginateTable({
    exec: ctx.database,
    table: improvementActions,
    filters: conds,
    orderBy: improvementActions.dueAt,
    direction: "asc",
    args,
  });
}
