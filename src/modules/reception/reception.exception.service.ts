import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import type { Context } from "../../server/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../shared/errors";
import { idPrefix, newId } from "../../shared/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import type { ReceptionExceptionEscalateInput, ReceptionExceptionRecordInput } from "./reception.inputs";
import { assertCanServe } from "./reception.policy";
import {
  ESCALATION_TARGETS,
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
 * Links an exception to the complaint or incident it was escalated into. Exported so that the
 * complaint and incident modules can call it inside their own transaction when they open a case from
 * an exception (the link back is theirs to store); an exception is escalated once.
 */
export async function linkException(exec: Executor, exceptionId: string, linkedType: EscalationTargetName, linkedId: string, by: string, at: Date): Promise<VisitExceptionRow> {
  const before = await lockById(exec, receptionExceptions, exceptionId, "The exception", ["exceptionId"]);
  if (before.linkedId) throw new DomainError(ErrorCode.CONFLICT, `The exception was already escalated to ${before.linkedType} ${before.linkedId}.`, ["exceptionId"]);
  const [row] = await exec
    .update(receptionExceptions)
    .set({ linkedType, linkedId, escalatedAt: at, escalatedById: by })
    .where(eq(receptionExceptions.id, before.id))
    .returning();
  return row;
}

export function escalateException(ctx: Context, input: ReceptionExceptionEscalateInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.exceptionEscalate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!ESCALATION_TARGETS.includes(input.linkedType as EscalationTargetName)) throw badInput(`linkedType must be one of ${ESCALATION_TARGETS.join(", ")}.`, ["linkedType"]);
    // The target modules are not part of this one: the id is checked for shape, not existence.
    if (!idPrefix(input.linkedId)) throw badInput("linkedId is not an id this API gave out.", ["linkedId"]);
    const row = await linkException(m.tx, input.exceptionId, input.linkedType as EscalationTargetName, input.linkedId, m.actorId, m.now);
    m.audit({ targetType: "VisitException", targetId: row.id, summary: { after: { linkedType: row.linkedType, linkedId: row.linkedId } } });
    return { exception: row };
  });
}
