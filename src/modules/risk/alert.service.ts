import { type SQL, and, eq, lt, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Tx } from "../../db/client";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import {
  type AlertStatusName,
  type RiskAlertRow,
  largeValueReports,
  riskAlerts,
  suspiciousReports,
  type LargeValueKindName,
  type ReportStatusName,
  type RuleCodeName,
} from "./monitoring.table";
import type {
  LargeValueReportFilter,
  RiskAlertConfirmInput,
  RiskAlertDismissInput,
  RiskAlertFilter,
  RiskAlertReportInput,
  SuspiciousReportSubmitInput,
  LargeValueReportSubmitInput,
} from "./risk.inputs";
import { assertAllowed, canReadAlerts, canReviewAlerts } from "./risk.policy";
import { type RiskEventKindName, RISK_TOPIC } from "./risk.events";
import { insertRisk } from "./register.service";
import { businessDate } from "./risk.scoring";
import type { RiskCategoryName } from "./risk.table";

export const alertReview = new StateMachine<AlertStatusName>("RiskAlert", {
  OPEN: ["DISMISSED", "CONFIRMED", "REPORTED"],
  DISMISSED: [],
  CONFIRMED: [],
  REPORTED: [],
});

async function lockAlert(tx: Tx, id: string): Promise<RiskAlertRow> {
  const [row] = await tx.select().from(riskAlerts).where(eq(riskAlerts.id, id)).for("update");
  if (!row) throw notFound("The risk alert", ["alertId"]);
  return row;
}

function announce(m: MutationScope, row: RiskAlertRow, kind: RiskEventKindName) {
  m.emit({
    topic: RISK_TOPIC,
    kind,
    entityType: "RiskAlert",
    entityId: row.id,
    payload: { ruleCode: row.ruleCode, severity: row.severity, customerId: row.customerId, status: row.status },
  });
}

async function review(m: MutationScope, before: RiskAlertRow, to: AlertStatusName, note: string, riskId: string | null = null): Promise<RiskAlertRow> {
  alertReview.assert(before.status, to);
  const [row] = await m.tx
    .update(riskAlerts)
    .set({ status: to, reviewNote: note, reviewedById: m.actorId, reviewedAt: m.now, riskId })
    .where(eq(riskAlerts.id, before.id))
    .returning();
  const kind: RiskEventKindName = to === "DISMISSED" ? "ALERT_DISMISSED" : to === "CONFIRMED" ? "ALERT_CONFIRMED" : "ALERT_REPORTED";
  announce(m, row, kind);
  m.audit({ targetType: "RiskAlert", targetId: row.id, summary: { before: { status: before.status }, after: { status: to }, riskId } });
  return row;
}

export function dismissAlert(ctx: Context, input: RiskAlertDismissInput) {
  assertAllowed(canReviewAlerts(requireViewer(ctx)), "reviewing risk alerts (risk officer)");
  return runMutation(ctx, { action: "riskAlert.dismiss", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 2000);
    const before = await lockAlert(m.tx, input.alertId);
    return { alert: await review(m, before, "DISMISSED", reason) };
  });
}

export function confirmAlert(ctx: Context, input: RiskAlertConfirmInput) {
  const viewer = requireViewer(ctx);
  assertAllowed(canReviewAlerts(viewer), "reviewing risk alerts (risk officer)");
  return runMutation(ctx, { action: "riskAlert.confirm", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = text(input.note, "note", 1, 2000);
    const before = await lockAlert(m.tx, input.alertId);
    alertReview.assert(before.status, "CONFIRMED");
    const risk = await insertRisk(m, {
      title: `Transaction monitoring: ${before.ruleCode} on ${before.businessDate}`,
      description: `${before.detail} ${note}`,
      category: (input.category ?? "FRAUD") as RiskCategoryName,
      source: "TRANSACTION_MONITORING",
      sourceId: before.id,
      sourceReference: null,
      customerId: before.customerId,
      departmentId: viewer.departmentId,
      likelihood: input.likelihood,
      impact: input.impact,
      note,
    });
    return { alert: await review(m, before, "CONFIRMED", note, risk.id), risk };
  });
}

export function reportAlert(ctx: Context, input: RiskAlertReportInput) {
  assertAllowed(canReviewAlerts(requireViewer(ctx)), "reviewing risk alerts (risk officer)");
  return runMutation(ctx, { action: "riskAlert.report", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const narrative = text(input.narrative, "narrative", 10, 8000);
    const before = await lockAlert(m.tx, input.alertId);
    alertReview.assert(before.status, "REPORTED");
    const [report] = await m.tx
      .insert(suspiciousReports)
      .values({ id: newId("str"), alertId: before.id, customerId: before.customerId, narrative, preparedById: m.actorId, createdAt: m.now })
      .returning();
    m.audit({ targetType: "SuspiciousTransactionReport", targetId: report.id, summary: { alert: before.id } });
    return { alert: await review(m, before, "REPORTED", "Suspicious-transaction report written."), report };
  });
}

/** Maker-checker: the report is submitted by a risk officer other than the one who wrote it. */
export function submitSuspiciousReport(ctx: Context, input: SuspiciousReportSubmitInput) {
  assertAllowed(canReviewAlerts(requireViewer(ctx)), "submitting suspicious-transaction reports (risk officer)");
  return runMutation(ctx, { action: "suspiciousReport.submit", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [before] = await m.tx.select().from(suspiciousReports).where(eq(suspiciousReports.id, input.reportId)).for("update");
    if (!before) throw notFound("The suspicious-transaction report", ["reportId"]);
    if (before.status !== "DRAFT")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The report is ${before.status}; only a DRAFT is submitted.`, ["reportId"]);
    if (before.preparedById === m.actorId) throw new DomainError("MAKER_CHECKER", "A second risk officer submits the report; its writer cannot.", ["reportId"]);
    const [report] = await m.tx
      .update(suspiciousReports)
      .set({ status: "SUBMITTED", submittedById: m.actorId, submittedAt: m.now })
      .where(eq(suspiciousReports.id, before.id))
      .returning();
    m.audit({ targetType: "SuspiciousTransactionReport", targetId: report.id, summary: { before: { status: "DRAFT" }, after: { status: "SUBMITTED" } } });
    return { report };
  });
}

export function submitLargeValueReport(ctx: Context, input: LargeValueReportSubmitInput) {
  assertAllowed(canReviewAlerts(requireViewer(ctx)), "submitting large-value reports (risk officer)");
  return runMutation(ctx, { action: "largeValueReport.submit", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [before] = await m.tx.select().from(largeValueReports).where(eq(largeValueReports.id, input.reportId)).for("update");
    if (!before) throw notFound("The large-value report", ["reportId"]);
    if (before.status !== "PENDING")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The report is ${before.status}; only a PENDING one is submitted.`, ["reportId"]);
    // Today's report may still grow until the business day ends: it is submitted from the next day on.
    if (before.businessDate >= businessDate(m.now))
      throw new DomainError(ErrorCode.CONFLICT, "The business day is not over; its total may still grow. Submit it from the next day.", ["reportId"]);
    const [report] = await m.tx
      .update(largeValueReports)
      .set({ status: "SUBMITTED", submittedById: m.actorId, submittedAt: m.now })
      .where(eq(largeValueReports.id, before.id))
      .returning();
    m.audit({
      targetType: "LargeValueReport",
      targetId: report.id,
      summary: { before: { status: "PENDING" }, after: { status: "SUBMITTED" }, late: before.dueDate < businessDate(m.now) },
    });
    return { report };
  });
}

export function listAlerts(ctx: Context, filter: RiskAlertFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canReadAlerts(viewer)) conds.push(sql`false`); // the same as the read rule: nothing, so totalCount is 0
  if (filter?.status) conds.push(eq(riskAlerts.status, filter.status as AlertStatusName));
  if (filter?.ruleCode) conds.push(eq(riskAlerts.ruleCode, filter.ruleCode as RuleCodeName));
  if (filter?.customerId) conds.push(eq(riskAlerts.customerId, filter.customerId));
  return paginateTable({ exec: ctx.database, table: riskAlerts, filters: conds, orderBy: riskAlerts.createdAt, direction, args });
}

export function listLargeValueReports(ctx: Context, filter: LargeValueReportFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canReadAlerts(viewer)) conds.push(sql`false`); // the same as the read rule: nothing, so totalCount is 0
  if (filter?.status) conds.push(eq(largeValueReports.status, filter.status as ReportStatusName));
  if (filter?.kind) conds.push(eq(largeValueReports.kind, filter.kind as LargeValueKindName));
  if (filter?.customerId) conds.push(eq(largeValueReports.customerId, filter.customerId));
  if (filter?.overdue) {
    const cond = and(eq(largeValueReports.status, "PENDING"), lt(largeValueReports.dueDate, businessDate(ctx.clock.now())));
    if (cond) conds.push(cond);
  }
  return paginateTable({ exec: ctx.database, table: largeValueReports, filters: conds, orderBy: largeValueReports.createdAt, direction, args });
}

export function listSuspiciousReports(ctx: Context, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canReadAlerts(viewer)) conds.push(sql`false`); // the same as the read rule: nothing, so totalCount is 0
  return paginateTable({ exec: ctx.database, table: suspiciousReports, filters: conds, orderBy: suspiciousReports.createdAt, direction, args });
}
