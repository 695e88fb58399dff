import { type SQL, and, asc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { dateOrder, optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { complaints } from "../complaints";
import { emergencyIncidents } from "../emergency";
import { departments, staff } from "../organisation";
import { securityIncidents } from "../security";
import { riskAlerts } from "./monitoring.table";
import type { RiskControlAddInput, RiskControlSetStatusInput, RiskFilter, RiskReassessInput, RiskRegisterInput } from "./risk.inputs";
import { assertAllowed, canManageRisks, canReadRegister } from "./risk.policy";
import { assess, levelOf } from "./risk.scoring";
import {
  type ControlStatusName,
  type RiskCategoryName,
  type RiskLevelName,
  type RiskRow,
  type RiskSourceName,
  RISK_CATEGORIES,
  RISK_SOURCES,
  riskAssessments,
  riskControls,
  risks,
} from "./risk.table";

export const controlLifecycle = new StateMachine<ControlStatusName>("RiskControl", {
  PLANNED: ["ACTIVE", "CANCELLED"],
  ACTIVE: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
});

export interface NewRisk {
  title: string;
  description: string;
  category: RiskCategoryName;
  source: RiskSourceName;
  sourceId: string | null;
  sourceReference: string | null;
  customerId: string | null;
  departmentId: string;
  likelihood: number;
  impact: number;
  note: string;
}

/** Writes a risk and its first assessment (likelihood and impact checked: 1–5). */
export async function insertRisk(m: MutationScope, r: NewRisk): Promise<RiskRow> {
  const a = assess(r.likelihood, r.impact);
  const [row] = await m.tx
    .insert(risks)
    .values({
      id: newId("rsk"),
      title: r.title,
      description: r.description,
      category: r.category,
      source: r.source,
      sourceId: r.sourceId,
      sourceReference: r.sourceReference,
      customerId: r.customerId,
      departmentId: r.departmentId,
      ...a,
      identifiedById: m.actorId,
      identifiedAt: m.now,
      updatedAt: m.now,
    })
    .returning();
  await m.tx.insert(riskAssessments).values({ id: newId("ras"), riskId: row.id, ...a, note: r.note, assessedById: m.actorId, assessedAt: m.now });
  m.audit({ action: "risk.register", targetType: "Risk", targetId: row.id, summary: { after: { category: r.category, source: r.source, ...a } } });
  return row;
}

function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}

/** The record a risk names as its source must exist: a missing one is NOT_FOUND on `sourceId`. */
async function checkSource(m: MutationScope, source: RiskSourceName, sourceId: string | null | undefined, reference: string | null): Promise<string | null> {
  if (source === "INSPECTION" || source === "AUDIT") {
    if (!reference) throw badInput("An inspection or audit is named by its reference (sourceReference).", ["sourceReference"]);
    if (sourceId) throw badInput("Inspections and audits are kept outside this system: give sourceReference, not sourceId.", ["sourceId"]);
    return null;
  }
  if (!sourceId) throw badInput(`A risk from ${source} names the record that raised it (sourceId).`, ["sourceId"]);
  const table = { COMPLAINT: complaints, INCIDENT: emergencyIncidents, SECURITY_INCIDENT: securityIncidents, TRANSACTION_MONITORING: riskAlerts }[source];
  const [found] = await m.tx.select({ id: table.id }).from(table).where(eq(table.id, sourceId));
  if (!found) throw notFound(`The ${source.toLowerCase().replace("_", " ")}`, ["sourceId"]);
  return sourceId;
}

export function registerRisk(ctx: Context, input: RiskRegisterInput) {
  const viewer = requireViewer(ctx);
  assertAllowed(canManageRisks(viewer), "registering risks (risk officer or supervisor)");
  return runMutation(ctx, { action: "risk.register", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const title = text(input.title, "title", 1, 200);
    const description = text(input.description, "description", 1, 4000);
    const category = oneOf(RISK_CATEGORIES, input.category, "category");
    const source = oneOf(RISK_SOURCES, input.source, "source");
    assess(input.likelihood, input.impact);
    const reference = optionalText(input.sourceReference, "sourceReference", 200);
    const sourceId = await checkSource(m, source, input.sourceId, reference);
    const departmentId = input.departmentId ?? viewer.departmentId;
    const [dep] = await m.tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
    if (!dep) throw notFound("The department", ["departmentId"]);
    let customerId: string | null = null;
    if (source === "TRANSACTION_MONITORING" && sourceId) {
      const [alert] = await m.tx.select({ customerId: riskAlerts.customerId }).from(riskAlerts).where(eq(riskAlerts.id, sourceId));
      customerId = alert?.customerId ?? null;
    }
    const risk = await insertRisk(m, {
      title,
      description,
      category,
      source,
      sourceId,
      sourceReference: reference,
      customerId,
      departmentId,
      likelihood: input.likelihood,
      impact: input.impact,
      note: "Initial assessment.",
    });
    return { risk };
  });
}

async function lockRisk(m: MutationScope, id: string): Promise<RiskRow> {
  const [row] = await m.tx.select().from(risks).where(eq(risks.id, id)).for("update");
  if (!row) throw notFound("The risk", ["riskId"]);
  return row;
}

export function reassessRisk(ctx: Context, input: RiskReassessInput) {
  assertAllowed(canManageRisks(requireViewer(ctx)), "reassessing risks (risk officer or supervisor)");
  return runMutation(ctx, { action: "risk.reassess", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const a = assess(input.likelihood, input.impact);
    const note = text(input.note, "note", 1, 2000);
    const before = await lockRisk(m, input.riskId);
    if (before.status === "CLOSED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The risk is CLOSED.", ["riskId"]);
    const [risk] = await m.tx
      .update(risks)
      .set({ ...a, updatedAt: m.now })
      .where(eq(risks.id, before.id))
      .returning();
    await m.tx.insert(riskAssessments).values({ id: newId("ras"), riskId: risk.id, ...a, note, assessedById: m.actorId, assessedAt: m.now });
    m.audit({
      targetType: "Risk",
      targetId: risk.id,
      summary: { before: { score: before.score, level: before.level }, after: { score: a.score, level: a.level } },
    });
    return { risk };
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function dateText(value: string, field: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw badInput(`${field} must be a date as YYYY-MM-DD.`, [field]);
  return value;
}

export function addControl(ctx: Context, input: RiskControlAddInput) {
  assertAllowed(canManageRisks(requireViewer(ctx)), "adding control measures (risk officer or supervisor)");
  return runMutation(ctx, { action: "riskControl.add", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const measure = text(input.measure, "measure", 1, 1000);
    if (!input.ownerId) throw badInput("A control measure needs an owner (责任人).", ["ownerId"]);
    const dueDate = dateText(input.dueDate, "dueDate");
    const status = oneOf<ControlStatusName>(["PLANNED", "ACTIVE"], input.status ?? "PLANNED", "status");
    const [owner] = await m.tx.select({ id: staff.id, active: staff.active }).from(staff).where(eq(staff.id, input.ownerId));
    if (!owner || !owner.active) throw notFound("The owner", ["ownerId"]);
    const risk = await lockRisk(m, input.riskId);
    if (risk.status === "CLOSED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The risk is CLOSED.", ["riskId"]);
    const [control] = await m.tx
      .insert(riskControls)
      .values({ id: newId("rct"), riskId: risk.id, measure, ownerId: owner.id, dueDate, status, createdById: m.actorId, createdAt: m.now, updatedAt: m.now })
      .returning();
    m.audit({ targetType: "RiskControl", targetId: control.id, summary: { risk: risk.id, status, dueDate } });
    return { control, risk };
  });
}

export function setControlStatus(ctx: Context, input: RiskControlSetStatusInput) {
  assertAllowed(canManageRisks(requireViewer(ctx)), "changing control measures (risk officer or supervisor)");
  return runMutation(ctx, { action: "riskControl.setStatus", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [before] = await m.tx.select().from(riskControls).where(eq(riskControls.id, input.controlId)).for("update");
    if (!before) throw notFound("The control measure", ["controlId"]);
    controlLifecycle.assert(before.status, input.status as ControlStatusName);
    const [control] = await m.tx
      .update(riskControls)
      .set({ status: input.status as ControlStatusName, updatedAt: m.now })
      .where(eq(riskControls.id, before.id))
      .returning();
    m.audit({ targetType: "RiskControl", targetId: control.id, summary: { before: { status: before.status }, after: { status: control.status } } });
    const [risk] = await m.tx.select().from(risks).where(eq(risks.id, control.riskId));
    return { control, risk };
  });
}

export function listRisks(ctx: Context, filter: RiskFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canReadRegister(viewer)) conds.push(sql`false`); // the read rule's "none", so totalCount agrees
  if (filter?.level) conds.push(eq(risks.level, filter.level as RiskLevelName));
  if (filter?.source) conds.push(eq(risks.source, filter.source as RiskSourceName));
  if (filter?.sourceId) conds.push(eq(risks.sourceId, filter.sourceId));
  if (filter?.customerId) conds.push(eq(risks.customerId, filter.customerId));
  if (filter?.flagged) conds.push(isNotNull(risks.flaggedAt));
  return paginateTable({ exec: ctx.database, table: risks, filters: conds, orderBy: risks.identifiedAt, direction, args });
}

export function assessmentsOf(ctx: Context, riskId: string) {
  return ctx.database.db
    .select()
    .from(riskAssessments)
    .where(eq(riskAssessments.riskId, riskId))
    .orderBy(asc(riskAssessments.assessedAt), asc(riskAssessments.id));
}

/** Counts of open risks per likelihood × impact cell, for a department and a period of identification; all 25 cells. */
export async function heatMap(ctx: Context, departmentId: string | null | undefined, from: Date | null | undefined, to: Date | null | undefined) {
  const viewer = requireViewer(ctx);
  assertAllowed(canReadRegister(viewer), "reading the risk register");
  dateOrder(from, to, "to");
  const conds: SQL[] = [eq(risks.status, "OPEN")];
  if (departmentId) conds.push(eq(risks.departmentId, departmentId));
  if (from) conds.push(gte(risks.identifiedAt, from));
  if (to) conds.push(lt(risks.identifiedAt, to));
  const rows = await ctx.database.db
    .select({ likelihood: risks.likelihood, impact: risks.impact, count: sql<number>`count(*)::int` })
    .from(risks)
    .where(and(...conds))
    .groupBy(risks.likelihood, risks.impact);
  const counts = new Map(rows.map((r) => [`${r.likelihood}x${r.impact}`, Number(r.count)]));
  const cells = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++)
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      cells.push({ likelihood, impact, score, level: levelOf(score), count: counts.get(`${likelihood}x${impact}`) ?? 0 });
    }
  return cells;
}
