import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { Viewer } from "../../core/viewer";
import { lockById } from "../../shared/rows";
import type { ReceptionExceptionRecordInput } from "./reception.inputs";
import { assertCanServe } from "./reception.policy";
import {
  EXCEPTION_KINDS,
  type EscalationTargetName,
  type ExceptionKindName,
  type VisitExceptionRow,
  receptionExceptions,
  receptionVisits,
} from "./reception.table";

export function recordException(ctx: Context, input: ReceptionExceptionRecordInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.exceptionRecord", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!EXCEPTION_KINDS.includes(input.kind as ExceptionKindName)) throw badInput(`kind must be one of ${EXCEPTION_KINDS.join(", ")}.`, ["kind"]);
    const description = text(input.description, "description", 1, 2000);
    const [visit] = await m.tx.select({ id: receptionVisits.id }).from(receptionVisits).where(eq(receptionVisits.id, input.visitId));
    if (!visit) throw notFound("The visit", ["visitId"]);
    const [row] = await m.tx
      .insert(receptionExceptions)
      .values({ id: newId("vex"), visitId: visit.id, kind: input.kind as ExceptionKindName, description, occurredAt: m.now, recordedById: m.actorId })
      .returning();
    m.audit({ targetType: "VisitException", targetId: row.id, summary: { visitId: visit.id, kind: row.kind } });
    return { exception: row };
  });
}

/**
 * Records an exception on a visit inside the caller's transaction, for another module's procedure (an
 * equipment fault during a visit): the same checks as `receptionExceptionRecord`, audited by the caller.
 */
export async function recordExceptionWithin(
  exec: Executor,
  viewer: Viewer,
  input: { visitId: string; kind: ExceptionKindName; description: string },
  at: Date,
): Promise<VisitExceptionRow> {
  assertCanServe(viewer);
  const description = text(input.description, "description", 1, 2000);
  const [visit] = await exec.select({ id: receptionVisits.id }).from(receptionVisits).where(eq(receptionVisits.id, input.visitId));
  if (!visit) throw notFound("The visit", ["visitId"]);
  const [row] = await exec
    .insert(receptionExceptions)
    .values({ id: newId("vex"), visitId: visit.id, kind: input.kind, description, occurredAt: at, recordedById: viewer.id })
    .returning();
  return row;
}

/**
 * Links an exception to the complaint or incident it was escalated into, inside the caller's
 * transaction (the escalation service checks the target first); an exception is escalated once.
 */
export async function linkException(
  exec: Executor,
  exceptionId: string,
  linkedType: EscalationTargetName,
  linkedId: string,
  by: string,
  at: Date,
): Promise<VisitExceptionRow> {
  const before = await lockById(exec, receptionExceptions, exceptionId, "The exception", ["exceptionId"]);
  if (before.linkedId)
    throw new DomainError(ErrorCode.CONFLICT, `The exception was already escalated to ${before.linkedType} ${before.linkedId}.`, ["exceptionId"]);
  const [row] = await exec
    .update(receptionExceptions)
    .set({ linkedType, linkedId, escalatedAt: at, escalatedById: by })
    .where(eq(receptionExceptions.id, before.id))
    .returning();
  return row;
}
