import { type SQL, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { Tx } from "../../db/client";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertCustomersInReach } from "../customers";
import type { Viewer } from "../../core/viewer";
import { SEVERITIES } from "../emergency";
import { oneOf } from "../emergency";
import { type IncidentEventKindName, emitIncidentEvent, severityToLevel } from "../incidents";
import type {
  SecurityIncidentAdvanceInput,
  SecurityIncidentFilter,
  SecurityIncidentNotifyRegulatorInput,
  SecurityIncidentRecordAffectedInput,
  SecurityIncidentReportInput,
  SecurityIncidentTriageInput,
} from "./security.inputs";
import { canHandleSecurityIncident, canSeeAllSecurityIncidents, canSeeSecurityIncident } from "./security.policy";
import {
  SECURITY_CATEGORIES,
  SECURITY_STATUSES,
  type SecurityCategoryName,
  type SecurityIncidentRow,
  type SecuritySeverityName,
  type SecurityStatusName,
  securityIncidentCustomers,
  securityIncidentUpdates,
  securityIncidents,
} from "./security-incident.table";

export const securityLifecycle = new StateMachine<SecurityStatusName>("SecurityIncident", {
  REPORTED: ["TRIAGED"],
  TRIAGED: ["CONTAINED"],
  CONTAINED: ["ERADICATED"],
  ERADICATED: ["RECOVERED"],
  RECOVERED: ["REVIEWED"],
  REVIEWED: [],
});

function systemsOf(list: string[] | null | undefined, field: string): string[] {
  const items = list ?? [];
  if (items.length > 50) throw badInput("At most 50 systems.", [field]);
  return [...new Set(items.map((s, i) => text(s, `${field}.${i}`, 1, 100)))];
}

/**
 * Affected customers must be ones the reporter may see: a missing id and an id outside their customer
 * scope give the same NOT_FOUND, so a report cannot be used to learn which customer ids exist.
 */
async function checkCustomers(tx: Tx, viewer: Viewer, list: string[] | null | undefined, field: string): Promise<string[]> {
  const ids = [...new Set(list ?? [])];
  if (ids.length > 500) throw badInput("At most 500 customers at once.", [field]);
  if (ids.length === 0) return [];
  await assertCustomersInReach(tx, viewer, ids, "An affected customer", [field]);
  return ids;
}

export async function lockIncident(ctx: Context, tx: Tx, id: string): Promise<SecurityIncidentRow> {
  const viewer = requireViewer(ctx);
  const [row] = await tx.select().from(securityIncidents).where(eq(securityIncidents.id, id)).for("update");
  if (!row || !canSeeSecurityIncident(viewer, row)) throw notFound("The security incident", ["incidentId"]);
  return row;
}

export async function timeline(
  m: MutationScope,
  row: SecurityIncidentRow,
  kind: IncidentEventKindName | "AFFECTED_RECORDED" | "REGULATOR_NOTIFIED" | "AFFECTED_NOTIFIED",
  note: string,
) {
  await m.tx.insert(securityIncidentUpdates).values({ id: newId("siu"), incidentId: row.id, kind, note, authorId: m.actorId, at: m.now });
  const eventKind: IncidentEventKindName =
    kind === "AFFECTED_RECORDED" || kind === "REGULATOR_NOTIFIED" || kind === "AFFECTED_NOTIFIED" ? "UPDATE_ADDED" : kind;
  emitIncidentEvent(m, eventKind, row, { incidentKind: "SECURITY", level: severityToLevel(row.severity), note });
}

export function assertHandler(ctx: Context) {
  if (!canHandleSecurityIncident(requireViewer(ctx))) throw forbidden("handling a security incident (security officer or supervisor)").toGraphQLError();
}

/**
 * PIPL art. 57: a leak of personal information is notified to the regulator and to the affected people
 * without delay; the deadline is configurable in hours (PIPL_NOTIFICATION_HOURS, default 24).
 */
const dueAt = (m: MutationScope) => new Date(m.now.getTime() + m.ctx.config.piplNotificationHours * 3_600_000);

export function reportIncident(ctx: Context, input: SecurityIncidentReportInput) {
  const viewer = requireViewer(ctx);
  return runMutation(ctx, { action: "securityIncident.report", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const category = oneOf<SecurityCategoryName>(SECURITY_CATEGORIES, input.category, "category");
    const severity = oneOf<SecuritySeverityName>(SEVERITIES, input.severity, "severity");
    const title = text(input.title, "title", 1, 200);
    const description = text(input.description, "description", 1, 4000);
    const systems = systemsOf(input.affectedSystems, "affectedSystems");
    const customerIds = await checkCustomers(m.tx, viewer, input.affectedCustomerIds, "affectedCustomerIds");
    const leak = category === "DATA_LEAK" && customerIds.length > 0;
    const [row] = await m.tx
      .insert(securityIncidents)
      .values({
        id: newId("sin"),
        category,
        severity,
        title,
        description,
        reporterId: viewer.id,
        departmentId: viewer.departmentId,
        affectedSystems: systems,
        regulatorNotificationRequired: leak,
        regulatorNotificationDueAt: leak ? dueAt(m) : null,
        reportedAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    if (customerIds.length)
      await m.tx.insert(securityIncidentCustomers).values(customerIds.map((customerId) => ({ incidentId: row.id, customerId, recordedAt: m.now })));
    await timeline(m, row, "REPORTED", `Reported: ${category}, ${severity}${leak ? "; regulator notification required" : ""}.`);
    m.audit({
      targetType: "SecurityIncident",
      targetId: row.id,
      summary: { after: { category, severity, systems: systems.length, customers: customerIds.length, regulator: leak } },
    });
    return { incident: row };
  });
}

export function triage(ctx: Context, input: SecurityIncidentTriageInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "securityIncident.triage", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const severity = oneOf<SecuritySeverityName>(SEVERITIES, input.severity, "severity");
    const note = text(input.note, "note", 1, 2000);
    const before = await lockIncident(ctx, m.tx, input.incidentId);
    securityLifecycle.assert(before.status, "TRIAGED");
    const [row] = await m.tx
      .update(securityIncidents)
      .set({ status: "TRIAGED", severity, handlerId: m.actorId, updatedAt: m.now })
      .where(eq(securityIncidents.id, before.id))
      .returning();
    const changed = severity !== before.severity ? ` (severity ${before.severity} → ${severity})` : "";
    // One timeline entry (entries of one transaction share a time, so two would have no stable order); a
    // changed severity is still announced live as a level change.
    if (changed)
      emitIncidentEvent(m, "LEVEL_CHANGED", row, {
        incidentKind: "SECURITY",
        level: severityToLevel(severity),
        note: `Severity ${before.severity} → ${severity}.`,
      });
    await timeline(m, row, "STATUS_CHANGED", `REPORTED → TRIAGED${changed}: ${note}`);
    m.audit({
      targetType: "SecurityIncident",
      targetId: row.id,
      summary: { before: { status: before.status, severity: before.severity }, after: { status: "TRIAGED", severity } },
    });
    return { incident: row };
  });
}

export function advance(ctx: Context, input: SecurityIncidentAdvanceInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "securityIncident.advance", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const to = oneOf<SecurityStatusName>(SECURITY_STATUSES, input.status, "status");
    const note = text(input.note, "note", 1, 2000);
    if (to === "TRIAGED") throw badInput("Triage with securityIncidentTriage, which confirms the severity.", ["status"]);
    const before = await lockIncident(ctx, m.tx, input.incidentId);
    securityLifecycle.assert(before.status, to);
    if (to === "REVIEWED" && before.regulatorNotificationRequired && !before.regulatorNotifiedAt) {
      throw new DomainError("REGULATOR_NOT_NOTIFIED", "The regulator must be notified of this data leak before the incident is closed.", ["incidentId"]);
    }
    if (to === "REVIEWED" && before.regulatorNotificationRequired && !before.affectedNotifiedAt) {
      throw new DomainError("AFFECTED_NOT_NOTIFIED", "The affected people must be notified of this data leak before the incident is closed.", ["incidentId"]);
    }
    const [row] = await m.tx
      .update(securityIncidents)
      .set({ status: to, updatedAt: m.now, ...(to === "REVIEWED" ? { closedAt: m.now } : {}) })
      .where(eq(securityIncidents.id, before.id))
      .returning();
    await timeline(m, row, to === "REVIEWED" ? "CLOSED" : "STATUS_CHANGED", `${before.status} → ${to}: ${note}`);
    m.audit({ targetType: "SecurityIncident", targetId: row.id, summary: { before: { status: before.status }, after: { status: to } } });
    return { incident: row };
  });
}

export function recordAffected(ctx: Context, input: SecurityIncidentRecordAffectedInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "securityIncident.recordAffected", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const systems = systemsOf(input.systems, "systems");
    const customerIds = await checkCustomers(m.tx, requireViewer(ctx), input.customerIds, "customerIds");
    if (systems.length === 0 && customerIds.length === 0) throw badInput("Give at least one system or customer.", ["systems"]);
    const before = await lockIncident(ctx, m.tx, input.incidentId);
    if (before.status === "REVIEWED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The incident is REVIEWED (closed).", ["incidentId"]);
    if (customerIds.length) {
      await m.tx
        .insert(securityIncidentCustomers)
        .values(customerIds.map((customerId) => ({ incidentId: before.id, customerId, recordedAt: m.now })))
        .onConflictDoNothing();
    }
    const leak = before.category === "DATA_LEAK" && customerIds.length > 0 && !before.regulatorNotificationRequired;
    const [row] = await m.tx
      .update(securityIncidents)
      .set({
        affectedSystems: [...new Set([...before.affectedSystems, ...systems])],
        ...(leak ? { regulatorNotificationRequired: true, regulatorNotificationDueAt: dueAt(m) } : {}),
        updatedAt: m.now,
      })
      .where(eq(securityIncidents.id, before.id))
      .returning();
    await timeline(
      m,
      row,
      "AFFECTED_RECORDED",
      `Recorded ${systems.length} system(s) and ${customerIds.length} customer(s)${leak ? "; regulator notification now required" : ""}.`,
    );
    m.audit({
      targetType: "SecurityIncident",
      targetId: row.id,
      summary: { systemsAdded: systems.length, customersAdded: customerIds.length, regulator: leak },
    });
    return { incident: row };
  });
}

export function notifyRegulator(ctx: Context, input: SecurityIncidentNotifyRegulatorInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "securityIncident.notifyRegulator", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = text(input.note, "note", 1, 500);
    const before = await lockIncident(ctx, m.tx, input.incidentId);
    if (!before.regulatorNotificationRequired) throw new DomainError(ErrorCode.CONFLICT, "This incident needs no regulator notification.", ["incidentId"]);
    if (before.regulatorNotifiedAt) throw new DomainError(ErrorCode.CONFLICT, "The regulator was already notified.", ["incidentId"]);
    const [row] = await m.tx
      .update(securityIncidents)
      .set({ regulatorNotifiedAt: m.now, updatedAt: m.now })
      .where(eq(securityIncidents.id, before.id))
      .returning();
    await timeline(m, row, "REGULATOR_NOTIFIED", `Regulator notified: ${note}`);
    m.audit({ targetType: "SecurityIncident", targetId: row.id, summary: { regulatorNotified: true, late: before.regulatorNotificationDueAt! < m.now } });
    return { incident: row };
  });
}

export function listIncidents(ctx: Context, filter: SecurityIncidentFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  const conds: SQL[] = [];
  if (!canSeeAllSecurityIncidents(viewer)) conds.push(eq(securityIncidents.reporterId, viewer.id));
  if (filter?.category) conds.push(eq(securityIncidents.category, filter.category as SecurityCategoryName));
  if (filter?.status) conds.push(eq(securityIncidents.status, filter.status as SecurityStatusName));
  if (filter?.regulatorNotificationRequired != null) conds.push(eq(securityIncidents.regulatorNotificationRequired, filter.regulatorNotificationRequired));
  return paginateTable({
    exec: ctx.database,
    table: securityIncidents,
    filters: conds,
    orderBy: securityIncidents.reportedAt,
    direction,
    args,
  });
}
