import { type SQL, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { hidden } from "../../shared/scope";
import { StateMachine } from "../../shared/state-machine";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertNotAccused, complaints, inScope } from "../complaints";
import { staff } from "../organisation";
import { canReadVisits, receptionVisits } from "../reception";
import type {
  InspectionItemScoreInput,
  QualityInspectionContestInput,
  QualityInspectionDecideInput,
  QualityInspectionFilter,
  QualityInspectionScoreInput,
} from "./inspection.inputs";
import {
  type ChecklistItem,
  type InspectionStatusName,
  type ItemScore,
  type QualityInspectionRow,
  qualityChecklists,
  qualityInspections,
} from "./inspection.table";
import { inspectionScopeCondition, inspectionVisible } from "./quality.access";
import { canInspect, inspectorReaches } from "./quality.policy";
import type { SurveySubjectName } from "./survey.table";

export const inspectionLifecycle = new StateMachine<InspectionStatusName>("QualityInspection", {
  SCORED: ["CONTESTED"],
  CONTESTED: ["UPHELD", "REVISED"],
  UPHELD: [],
  REVISED: [],
});

/**
 * The weighted total in hundredths of a point: Σ(weight × score) × 100 / Σ weight, rounded half up
 * in integers (scores and weights are whole numbers), so a total is exact and the same everywhere.
 */
export function weightedTotal(items: readonly ChecklistItem[], scores: readonly ItemScore[]): number {
  let num = 0;
  let den = 0;
  for (const item of items) {
    num += item.weight * scores.find((s) => s.code === item.code)!.score * 100;
    den += item.weight;
  }
  return Math.floor((2 * num + den) / (2 * den));
}

function checkScores(items: readonly ChecklistItem[], given: readonly InspectionItemScoreInput[], field: string): ItemScore[] {
  const codes = items.map((i) => i.code);
  const seen = given.map((g) => g.itemCode);
  if (seen.length !== codes.length || new Set(seen).size !== seen.length || !seen.every((c) => codes.includes(c)))
    throw badInput(`Score every norm of the checklist once: ${codes.join(", ")}.`, [field]);
  return given.map((g, i) => {
    if (!Number.isInteger(g.score) || g.score < 0 || g.score > 100) throw badInput("A norm's score is 0 to 100.", [field, String(i), "score"]);
    return { code: g.itemCode, score: g.score, note: optionalText(g.note, `${field}.${i}.note`, 500) };
  });
}

/** An inspector scores a completed visit (its caller) or a complaint's handling (its handler). */
export function scoreInspection(ctx: Context, input: QualityInspectionScoreInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "qualityInspection.score", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    if (!canInspect(viewer)) throw forbidden("quality inspection (a manager, supervisor or head-office senior)");
    if (!!input.visitId === !!input.complaintId) throw badInput("Name exactly one of visitId and complaintId.", ["visitId"]);
    const subjectType: SurveySubjectName = input.visitId ? "VISIT" : "COMPLAINT";
    const field = input.visitId ? "visitId" : "complaintId";
    let inspectedId: string | null;
    if (input.visitId) {
      const [visit] = await m.tx.select().from(receptionVisits).where(eq(receptionVisits.id, input.visitId));
      if (!visit || !canReadVisits(viewer)) throw hidden("The visit", [field]);
      if (visit.status !== "COMPLETED")
        throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The visit is ${visit.status}; only a completed visit is inspected.`, [field]);
      inspectedId = visit.calledById;
    } else {
      const [c] = await m.tx.select().from(complaints).where(eq(complaints.id, input.complaintId!));
      if (!c || !inScope(viewer, c)) throw hidden("The complaint", [field]);
      assertNotAccused(viewer, c, [field]);
      inspectedId = c.handlerId;
    }
    if (!inspectedId) throw badInput("Nobody has handled it yet: there is no one to inspect.", [field]);
    if (inspectedId === viewer.id) throw new DomainError("CONFLICT_OF_INTEREST", "Nobody inspects their own service (回避).", [field]);
    const [member] = await m.tx.select().from(staff).where(eq(staff.id, inspectedId));
    if (!inspectorReaches(viewer, member)) throw forbidden("inspecting a member outside your team or department");
    const [checklist] = await m.tx
      .select()
      .from(qualityChecklists)
      .where(eq(qualityChecklists.subjectType, subjectType))
      .orderBy(qualityChecklists.id)
      .limit(1);
    if (!checklist) throw badInput(`No checklist is set up for ${subjectType}.`, [field]);
    const scores = checkScores(checklist.items, input.scores, "scores");
    const [inspection] = await m.tx
      .insert(qualityInspections)
      .values({
        id: newId("qin"),
        subjectType,
        visitId: input.visitId ?? null,
        complaintId: input.complaintId ?? null,
        checklistId: checklist.id,
        inspectedStaffId: member.id,
        inspectedTeamId: member.teamId,
        inspectedDepartmentId: member.departmentId,
        inspectorId: viewer.id,
        scores,
        totalCentiPoints: weightedTotal(checklist.items, scores),
        comment: optionalText(input.comment, "comment", 1000),
        status: "SCORED",
        scoredAt: m.now,
      })
      .returning();
    m.audit({
      targetType: "QualityInspection",
      targetId: inspection.id,
      summary: { after: { inspectedStaffId: member.id, total: inspection.totalCentiPoints } },
    });
    return { inspection };
  });
}

/** The inspected member contests the score, once. */
export function contestInspection(ctx: Context, input: QualityInspectionContestInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "qualityInspection.contest", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    const row = await lockById(m.tx, qualityInspections, input.inspectionId, "The inspection", ["inspectionId"], (r) => inspectionVisible(viewer, r));
    if (row.inspectedStaffId !== viewer.id) throw forbidden("contesting an inspection of someone else's service");
    if (row.contestedAt) throw new DomainError(ErrorCode.CONFLICT, "An inspection is contested once only.", ["inspectionId"]);
    inspectionLifecycle.assert(row.status, "CONTESTED");
    const reason = text(input.reason, "reason", 1, 1000);
    const [inspection] = await m.tx
      .update(qualityInspections)
      .set({ status: "CONTESTED", contestReason: reason, contestedAt: m.now })
      .where(eq(qualityInspections.id, row.id))
      .returning();
    m.audit({ targetType: "QualityInspection", targetId: row.id, summary: { before: { status: row.status }, after: { status: "CONTESTED" } } });
    return { inspection };
  });
}

/** Whether the viewer may decide the contest: another inspector who reaches the inspected member. */
export function canDecide(
  viewer: NonNullable<Context["viewer"]>,
  row: Pick<QualityInspectionRow, "inspectorId" | "inspectedStaffId" | "inspectedDepartmentId" | "inspectedTeamId">,
) {
  return (
    canInspect(viewer) &&
    viewer.id !== row.inspectorId &&
    viewer.id !== row.inspectedStaffId &&
    inspectorReaches(viewer, { departmentId: row.inspectedDepartmentId, teamId: row.inspectedTeamId })
  );
}

/** A second inspector upholds or revises a contested score. */
export function decideInspection(ctx: Context, input: QualityInspectionDecideInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "qualityInspection.decide", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    const row = await lockById(m.tx, qualityInspections, input.inspectionId, "The inspection", ["inspectionId"], (r) => inspectionVisible(viewer, r));
    if (!canInspect(viewer)) throw forbidden("deciding a contested inspection (a second inspector)");
    if (viewer.id === row.inspectorId || viewer.id === row.inspectedStaffId)
      throw new DomainError(ErrorCode.MAKER_CHECKER, "A second inspector, neither the first inspector nor the inspected member, decides the contest.", [
        "inspectionId",
      ]);
    if (!canDecide(viewer, row)) throw forbidden("deciding an inspection of a member outside your team or department");
    const outcome = input.outcome as InspectionStatusName;
    if (outcome !== "UPHELD" && outcome !== "REVISED") throw badInput("outcome is UPHELD or REVISED.", ["outcome"]);
    inspectionLifecycle.assert(row.status, outcome);
    const note = text(input.note, "note", 1, 1000);
    let revisedScores: ItemScore[] | null = null;
    let revisedTotal: number | null = null;
    if (outcome === "REVISED") {
      if (!input.revisedScores) throw badInput("A revision gives the revised score of every norm.", ["revisedScores"]);
      const [checklist] = await m.tx.select().from(qualityChecklists).where(eq(qualityChecklists.id, row.checklistId));
      revisedScores = checkScores(checklist.items, input.revisedScores, "revisedScores");
      revisedTotal = weightedTotal(checklist.items, revisedScores);
    } else if (input.revisedScores) throw badInput("An upheld score takes no revised scores.", ["revisedScores"]);
    const [inspection] = await m.tx
      .update(qualityInspections)
      .set({ status: outcome, decidedById: viewer.id, decisionNote: note, revisedScores, revisedTotalCentiPoints: revisedTotal, decidedAt: m.now })
      .where(eq(qualityInspections.id, row.id))
      .returning();
    m.audit({ targetType: "QualityInspection", targetId: row.id, summary: { before: { status: row.status }, after: { status: outcome, revisedTotal } } });
    return { inspection };
  });
}

export function listInspections(ctx: Context, filter: QualityInspectionFilter | null | undefined, args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [inspectionScopeCondition(viewer)];
  if (filter?.inspectedStaffId) conds.push(eq(qualityInspections.inspectedStaffId, filter.inspectedStaffId));
  if (filter?.status) conds.push(eq(qualityInspections.status, filter.status as InspectionStatusName));
  return paginateTable({ exec: ctx.database, table: qualityInspections, filters: conds, orderBy: qualityInspections.scoredAt, direction: "desc", args });
}

export function checklists(ctx: Context) {
  requireViewer(ctx);
  return ctx.database.db.select().from(qualityChecklists).orderBy(qualityChecklists.subjectType, qualityChecklists.id);
}
