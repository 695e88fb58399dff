import { and, eq, gte, inArray, isNull, lt, lte, notInArray } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import type { Tx } from "../../db/client";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { type EventKind, TOPIC, appendTimeline, eventPayload } from "./complaint.core";
import { APPROACHING_MS } from "./complaint.deadline";
import { OPEN_STATES } from "./complaint.states";
import { type ComplaintRow, type ComplaintStatus, complaints } from "./complaint.table";

/** States from which a breach escalates the complaint to the supervisor (an approval already waits on one). */
const AUTO_ESCALATE: readonly ComplaintStatus[] = ["RECEIVED", "CLASSIFIED", "ASSIGNED", "INVESTIGATING", "UNDER_REVIEW"];
const BATCH = 200;

export interface WatchResult {
  approaching: number;
  breached: number;
  escalated: number;
  /** High and critical complaints whose internal first-contact target passed without contact. */
  contactMissed: number;
}

/**
 * The deadline watch (时限监控): flags complaints two days before their deadline and once past it,
 * escalates breached ones to the supervisor, flags high and critical ones past their internal
 * first-contact target, and emits events. Each flag is set once: rows are claimed
 * with `FOR UPDATE SKIP LOCKED` and updated only while the flag is still empty, so several instances
 * running the watch at once never act on a complaint twice. Each complaint is handled in its own
 * savepoint: one that fails is rolled back alone, logged by id and code, and the others go on.
 */
export async function runDeadlineWatch(services: Pick<AppServices, "database" | "hub" | "clock"> & { log?: JobLog }): Promise<WatchResult> {
  const now = services.clock.now();
  const result: WatchResult = { approaching: 0, breached: 0, escalated: 0, contactMissed: 0 };
  // Rows that failed in this run are not claimed again by its next batch (the next run retries them).
  const failed: string[] = [];
  const notFailed = () => (failed.length > 0 ? notInArray(complaints.id, failed) : undefined);
  for (;;) {
    const done = await services.database.db.transaction(async (tx) => {
      const events: NewEvent[] = [];
      const audits: AuditRecord[] = [];

      const breached = await tx
        .select()
        .from(complaints)
        .where(and(inArray(complaints.status, [...OPEN_STATES]), isNull(complaints.breachedFlaggedAt), lt(complaints.deadlineAt, now), notFailed()))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      failed.push(...(await eachInSavepoint(tx, services.log, JOB, breached, (sp, before) => flagBreached(sp, before, now, result, events, audits))));

      const approaching = await tx
        .select()
        .from(complaints)
        .where(
          and(
            inArray(complaints.status, [...OPEN_STATES]),
            isNull(complaints.approachingFlaggedAt),
            gte(complaints.deadlineAt, now),
            lte(complaints.deadlineAt, new Date(now.getTime() + APPROACHING_MS)),
            notFailed(),
          ),
        )
        .limit(BATCH)
        .for("update", { skipLocked: true });
      failed.push(...(await eachInSavepoint(tx, services.log, JOB, approaching, (sp, before) => flagApproaching(sp, before, now, result, events, audits))));

      const contactMissed = await tx
        .select()
        .from(complaints)
        .where(
          and(
            inArray(complaints.status, [...OPEN_STATES]),
            isNull(complaints.firstContactAt),
            isNull(complaints.firstContactFlaggedAt),
            lt(complaints.firstContactDueAt, now),
            notFailed(),
          ),
        )
        .limit(BATCH)
        .for("update", { skipLocked: true });
      failed.push(...(await eachInSavepoint(tx, services.log, JOB, contactMissed, (sp, before) => flagContactMissed(sp, before, now, result, events, audits))));
      await writeAudit(tx, null, null, audits);
      await writeEvents(tx, null, events);
      return breached.length < BATCH && approaching.length < BATCH && contactMissed.length < BATCH;
    });
    if (done) break;
  }
  void services.hub.poke();
  return result;
}

const JOB = "complaint-deadline-watch";
type AuditRecord = { action: string; targetType: string; targetId: string; summary: Record<string, unknown> };

function eventOf(row: ComplaintRow, now: Date, kind: EventKind, from: ComplaintStatus | null, note: string, formerHandlerId: string | null = null): NewEvent {
  return {
    topic: TOPIC,
    kind,
    entityType: "Complaint",
    entityId: row.id,
    departmentId: row.departmentId,
    payload: eventPayload(row, now, { from, note, formerHandlerId }),
  };
}

/**
 * One breached complaint: flagged, escalated to the supervisor where it can be, with its timeline,
 * events and audit. Counters, events and audit records are added only once every statement succeeded,
 * so a row rolled back to its savepoint leaves no trace in what the batch writes.
 */
async function flagBreached(tx: Tx, before: ComplaintRow, now: Date, result: WatchResult, events: NewEvent[], audits: AuditRecord[]): Promise<void> {
  const escalate = AUTO_ESCALATE.includes(before.status) && before.level < 2;
  const [row] = await tx
    .update(complaints)
    .set({
      breachedFlaggedAt: now,
      approachingFlaggedAt: before.approachingFlaggedAt ?? now,
      updatedAt: now,
      ...(escalate ? { status: "ESCALATED" as const, level: 2, handlerId: null, handlerTeamId: null } : {}),
    })
    .where(and(eq(complaints.id, before.id), isNull(complaints.breachedFlaggedAt)))
    .returning();
  if (!row) return;
  const note = `Deadline ${before.deadlineAt.toISOString()} passed without a decision.`;
  await appendTimeline(tx, row.id, null, now, { action: "DEADLINE_BREACHED", note });
  const rowEvents = [eventOf(row, now, "DEADLINE_BREACHED", null, note)];
  const rowAudits: AuditRecord[] = [
    { action: "complaint.deadlineBreached", targetType: "Complaint", targetId: row.id, summary: { reference: row.reference, deadlineAt: before.deadlineAt } },
  ];
  if (escalate) {
    const why = "Escalated to the supervisor by the deadline watch.";
    await appendTimeline(tx, row.id, null, now, { action: "ESCALATED", from: before.status, to: "ESCALATED", note: why });
    rowEvents.push(eventOf(row, now, "ESCALATED", before.status, why, before.handlerId));
    rowAudits.push({
      action: "complaint.escalate",
      targetType: "Complaint",
      targetId: row.id,
      summary: { reference: row.reference, from: before.status, level: 2, automatic: true },
    });
    result.escalated++;
  }
  result.breached++;
  events.push(...rowEvents);
  audits.push(...rowAudits);
}

async function flagApproaching(tx: Tx, before: ComplaintRow, now: Date, result: WatchResult, events: NewEvent[], audits: AuditRecord[]): Promise<void> {
  const [row] = await tx
    .update(complaints)
    .set({ approachingFlaggedAt: now, updatedAt: now })
    .where(and(eq(complaints.id, before.id), isNull(complaints.approachingFlaggedAt)))
    .returning();
  if (!row) return;
  const note = `Deadline ${row.deadlineAt.toISOString()} is less than two days away.`;
  await appendTimeline(tx, row.id, null, now, { action: "DEADLINE_APPROACHING", note });
  result.approaching++;
  events.push(eventOf(row, now, "DEADLINE_APPROACHING", null, note));
  audits.push({ action: "complaint.deadlineApproaching", targetType: "Complaint", targetId: row.id, summary: { reference: row.reference } });
}

/** One complaint past its internal first-contact target (内部时限) without contact: flagged once, with an event for the supervisors. */
async function flagContactMissed(tx: Tx, before: ComplaintRow, now: Date, result: WatchResult, events: NewEvent[], audits: AuditRecord[]): Promise<void> {
  const [row] = await tx
    .update(complaints)
    .set({ firstContactFlaggedAt: now, updatedAt: now })
    .where(and(eq(complaints.id, before.id), isNull(complaints.firstContactFlaggedAt), isNull(complaints.firstContactAt)))
    .returning();
  if (!row) return;
  const note = `The first contact with the customer was due by ${before.firstContactDueAt!.toISOString()} (internal target for ${row.severity} complaints).`;
  await appendTimeline(tx, row.id, null, now, { action: "FIRST_CONTACT_TARGET_MISSED", note });
  result.contactMissed++;
  events.push(eventOf(row, now, "FIRST_CONTACT_TARGET_MISSED", null, note));
  audits.push({ action: "complaint.firstContactTargetMissed", targetType: "Complaint", targetId: row.id, summary: { reference: row.reference } });
}

export const deadlineWatchJob: Job = {
  name: "complaint-deadline-watch",
  intervalMs: 60_000,
  run: (services) => runDeadlineWatch(services).then(() => undefined),
};
