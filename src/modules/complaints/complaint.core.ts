import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { DomainError, ErrorCode, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { MutationScope } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import type { Viewer } from "../../core/viewer";
import { type StaffRow, staff } from "../organisation";
import { assertNotAccused, inScope } from "./complaint.policy";
import { type ComplaintRow, type ComplaintStatus, complaintTimeline, complaints } from "./complaint.table";

export const TOPIC = "COMPLAINT" as const;

/** Event kinds of the live complaint feed. */
export const EVENT_KINDS = [
  "CREATED",
  "CLASSIFIED",
  "ASSIGNED",
  "STATUS_CHANGED",
  "ESCALATED",
  "DEADLINE_APPROACHING",
  "DEADLINE_BREACHED",
  "EXTENDED",
  "RESOLVED",
  "CLOSED",
  "REOPENED",
  "FEEDBACK_RECORDED",
  "FIRST_CONTACT_TARGET_MISSED",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Locks a complaint for a change by `viewer`: one outside their scope answers exactly like a missing
 * one (NOT_FOUND on complaintId); the staff member it is about is refused (回避) with CONFLICT_OF_INTEREST.
 */
export async function lockComplaintFor(exec: Executor, viewer: Viewer, id: string): Promise<ComplaintRow> {
  const row = await lockById(exec, complaints, id, "The complaint", ["complaintId"], (c) => inScope(viewer, c));
  assertNotAccused(viewer, row);
  return row;
}

export async function activeStaff(exec: Executor, id: string, field: string): Promise<StaffRow> {
  const [row] = await exec.select().from(staff).where(eq(staff.id, id));
  if (!row) throw notFound("The staff member", [field]);
  if (!row.active) throw new DomainError(ErrorCode.CONFLICT, "The staff member is deactivated.", [field]);
  return row;
}

export async function updateComplaint(m: MutationScope, id: string, patch: Partial<ComplaintRow>): Promise<ComplaintRow> {
  const [row] = await m.tx
    .update(complaints)
    .set({ ...patch, updatedAt: m.now })
    .where(eq(complaints.id, id))
    .returning();
  return row;
}

export interface Step {
  action: string;
  from?: ComplaintStatus | null;
  to?: ComplaintStatus | null;
  note?: string | null;
}

/** Appends a timeline entry with an explicit actor (null for the deadline watch). */
export async function appendTimeline(exec: Executor, complaintId: string, actorId: string | null, at: Date, step: Step): Promise<void> {
  await exec.insert(complaintTimeline).values({
    id: newId("ctl"),
    complaintId,
    actorId,
    action: step.action,
    fromStatus: step.from ?? null,
    toStatus: step.to ?? null,
    note: step.note ?? null,
    at,
  });
}

/** Everything a subscriber filters and authorises on, so no subscriber reads the database per event. */
export function eventPayload(
  row: ComplaintRow,
  now: Date,
  extra: { from?: ComplaintStatus | null; note?: string | null; formerHandlerId?: string | null } = {},
) {
  return {
    reference: row.reference,
    status: row.status,
    fromStatus: extra.from ?? null,
    severity: row.severity,
    level: row.level,
    departmentId: row.departmentId,
    receivedById: row.receivedById,
    receiverTeamId: row.receiverTeamId,
    handlerId: row.handlerId,
    handlerTeamId: row.handlerTeamId,
    formerHandlerId: extra.formerHandlerId ?? null,
    deadlineAt: row.deadlineAt.toISOString(),
    overdue: row.decidedAt === null && row.deadlineAt.getTime() < now.getTime() && row.status !== "WITHDRAWN",
    note: extra.note ?? null,
  };
}

/**
 * Records one step of a mutation: the timeline entry, the audit record and the live event, all in the
 * mutation's transaction (so a rolled-back change leaves none of them).
 */
export async function record(
  m: MutationScope,
  row: ComplaintRow,
  kind: EventKind | null,
  step: Step & { formerHandlerId?: string | null; audit?: Record<string, unknown> },
): Promise<void> {
  await appendTimeline(m.tx, row.id, m.actorId, m.now, step);
  m.audit({
    targetType: "Complaint",
    targetId: row.id,
    summary: { reference: row.reference, from: step.from ?? null, to: step.to ?? row.status, ...(step.audit ?? {}) },
  });
  if (kind) {
    m.emit({
      topic: TOPIC,
      kind,
      entityType: "Complaint",
      entityId: row.id,
      departmentId: row.departmentId,
      payload: eventPayload(row, m.now, { from: step.from, note: step.note, formerHandlerId: step.formerHandlerId }),
    });
  }
}

export async function timelineOf(exec: Executor, complaintId: string) {
  return exec.select().from(complaintTimeline).where(eq(complaintTimeline.complaintId, complaintId)).orderBy(asc(complaintTimeline.position));
}
