import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { idPrefix } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { receiveWithin } from "../complaints";
import { assertNotAccused, inScope } from "../complaints";
import { complaints } from "../complaints";
import { findIncident, insertLinkOnce } from "../incidents";
import type { Viewer } from "../../core/viewer";
import { linkException } from "./reception.exception.service";
import type { ReceptionExceptionEscalateInput } from "./reception.inputs";
import { assertCanServe } from "./reception.policy";
import {
  type ChannelName,
  ESCALATION_TARGETS,
  type EscalationTargetName,
  type VisitExceptionRow,
  type VisitRow,
  receptionExceptions,
  receptionVisits,
} from "./reception.table";

/** A complaint opened at reception comes in through the visit's channel (the app counts as online). */
const COMPLAINT_CHANNEL: Record<ChannelName, string> = { COUNTER: "COUNTER", PHONE: "PHONE", ONLINE: "ONLINE", APP: "ONLINE" };
const INCIDENT_PREFIX: Partial<Record<EscalationTargetName, string>> = { EMERGENCY_INCIDENT: "ein", SECURITY_INCIDENT: "sin" };

/**
 * 升级处理 (chapter 3.3): links an exception, once, to the complaint or incident it becomes. The target
 * must exist and be visible to the viewer (else NOT_FOUND). Escalating into a complaint without an id
 * receives a new complaint for the visit's customer in the same transaction; escalating into an
 * incident also adds the exception to the incident's links, so that each side shows the other.
 */
export function escalateException(ctx: Context, input: ReceptionExceptionEscalateInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.exceptionEscalate", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const target = input.linkedType as EscalationTargetName;
    if (!ESCALATION_TARGETS.includes(target)) throw badInput(`linkedType must be one of ${ESCALATION_TARGETS.join(", ")}.`, ["linkedType"]);
    if (input.complaint && (target !== "COMPLAINT" || input.linkedId))
      throw badInput("complaint opens a new complaint: give it only with COMPLAINT and no linkedId.", ["complaint"]);
    if (input.linkedId && !idPrefix(input.linkedId)) throw badInput("linkedId is not an id this API gave out.", ["linkedId"]);
    const [exception] = await m.tx.select().from(receptionExceptions).where(eq(receptionExceptions.id, input.exceptionId)).for("update");
    if (!exception) throw notFound("The exception", ["exceptionId"]);
    if (exception.linkedId)
      throw new DomainError(ErrorCode.CONFLICT, `The exception was already escalated to ${exception.linkedType} ${exception.linkedId}.`, ["exceptionId"]);
    const linkedId =
      target === "COMPLAINT" ? await complaintTarget(m, viewer, exception, input) : await incidentTarget(m, viewer, exception, target, input.linkedId);
    const row = await linkException(m.tx, exception.id, target, linkedId, m.actorId, m.now);
    m.audit({ targetType: "VisitException", targetId: row.id, summary: { after: { linkedType: row.linkedType, linkedId: row.linkedId } } });
    return { exception: row };
  });
}

async function complaintTarget(m: MutationScope, viewer: Viewer, exception: VisitExceptionRow, input: ReceptionExceptionEscalateInput): Promise<string> {
  if (input.linkedId) {
    if (idPrefix(input.linkedId) !== "cmp") throw badInput("A complaint id starts with cmp_.", ["linkedId"]);
    const [complaint] = await m.tx.select().from(complaints).where(eq(complaints.id, input.linkedId));
    if (!complaint || !inScope(viewer, complaint)) throw notFound("The complaint", ["linkedId"]);
    assertNotAccused(viewer, complaint, ["linkedId"]);
    return complaint.id;
  }
  const [visit] = await m.tx.select().from(receptionVisits).where(eq(receptionVisits.id, exception.visitId));
  if (!visit.customerId)
    throw new DomainError(ErrorCode.CONFLICT, "The visit has no identified customer: identify the customer before opening a complaint.", ["exceptionId"]);
  const details = input.complaint ?? {};
  const complaint = await receiveWithin(
    m,
    viewer,
    {
      customerId: visit.customerId,
      channel: COMPLAINT_CHANNEL[visit.channel],
      subject: details.subject ?? defaultSubject(visit, exception),
      description: details.description ?? exception.description,
      accusedStaffId: details.accusedStaffId ?? null,
      visitId: visit.id,
      accountId: details.accountId ?? null,
    },
    `Received at reception from exception ${exception.id} of ticket ${visit.ticketNumber}.`,
  );
  return complaint.id;
}

const defaultSubject = (visit: VisitRow, exception: VisitExceptionRow) => `Ticket ${visit.ticketNumber}: ${exception.kind.toLowerCase().replace(/_/g, " ")}`;

async function incidentTarget(
  m: MutationScope,
  viewer: Viewer,
  exception: VisitExceptionRow,
  target: EscalationTargetName,
  linkedId: string | null | undefined,
): Promise<string> {
  if (!linkedId) throw badInput("Escalating into an incident needs the incident's id (report the incident first).", ["linkedId"]);
  const prefix = INCIDENT_PREFIX[target]!;
  if (idPrefix(linkedId) !== prefix) throw badInput(`A ${target} id starts with ${prefix}_.`, ["linkedId"]);
  if (!(await findIncident(m.tx, viewer, linkedId))) throw notFound("The incident", ["linkedId"]);
  await insertLinkOnce(m.tx, {
    incidentId: linkedId,
    linkedType: "RECEPTION_EXCEPTION",
    linkedId: exception.id,
    note: "Escalated at reception.",
    by: m.actorId,
    at: m.now,
  });
  return linkedId;
}
