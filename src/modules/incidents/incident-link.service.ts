import { and, asc, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { idPrefix, newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { optionalText } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { Executor } from "../../db/client";
import type { Viewer } from "../../core/viewer";
import { canHandleEmergency, canSeeEmergency } from "../emergency";
import type { IncidentLinkAddInput } from "./incident-link.inputs";
import { emergencyIncidents } from "../emergency";
import { canHandleSecurityIncident, canSeeSecurityIncident } from "../security";
import { securityIncidents } from "../security";
import { assertNotAccused, inScope } from "../complaints";
import { complaints } from "../complaints";
import { canReadVisits } from "../reception";
import { receptionExceptions } from "../reception";
import { LINKED_TYPES } from "./incident.type";
import { incidentLinks } from "./incident-link.table";

/** Loads an emergency or security incident by id if the viewer may see it; says whether they may handle it. */
export async function findIncident(exec: Executor, viewer: Viewer, id: string) {
  const prefix = idPrefix(id);
  if (prefix === "ein") {
    const [row] = await exec.select().from(emergencyIncidents).where(eq(emergencyIncidents.id, id));
    if (row && canSeeEmergency(viewer, row)) return { kind: "EMERGENCY" as const, canHandle: canHandleEmergency(viewer) };
  } else if (prefix === "sin") {
    const [row] = await exec.select().from(securityIncidents).where(eq(securityIncidents.id, id));
    if (row && canSeeSecurityIncident(viewer, row)) return { kind: "SECURITY" as const, canHandle: canHandleSecurityIncident(viewer) };
  }
  return null;
}

const EXPECTED_PREFIX: Record<string, string> = { EMERGENCY_INCIDENT: "ein", SECURITY_INCIDENT: "sin", COMPLAINT: "cmp", RECEPTION_EXCEPTION: "vex" };

/**
 * The linked record must exist and be visible to whoever links it (else NOT_FOUND: existence is not
 * disclosed). OTHER records are any global id, checked for shape only.
 */
async function assertLinkedVisible(exec: Executor, viewer: Viewer, linkedType: string, linkedId: string): Promise<void> {
  let visible = true;
  if (linkedType === "EMERGENCY_INCIDENT" || linkedType === "SECURITY_INCIDENT") {
    visible = (await findIncident(exec, viewer, linkedId)) !== null;
  } else if (linkedType === "COMPLAINT") {
    const [row] = await exec.select().from(complaints).where(eq(complaints.id, linkedId));
    visible = !!row && inScope(viewer, row);
    if (visible) assertNotAccused(viewer, row, ["linkedId"]);
  } else if (linkedType === "RECEPTION_EXCEPTION") {
    const [row] = await exec.select({ id: receptionExceptions.id }).from(receptionExceptions).where(eq(receptionExceptions.id, linkedId));
    visible = !!row && canReadVisits(viewer);
  }
  if (!visible) throw notFound("The linked record", ["linkedId"]);
}

/**
 * Stores a link unless it exists; for callers that have authorised the link themselves (reception
 * escalating an exception into an incident it can see). Returns whether a row was written.
 */
export async function insertLinkOnce(
  exec: Executor,
  link: { incidentId: string; linkedType: string; linkedId: string; note: string | null; by: string; at: Date },
): Promise<boolean> {
  const rows = await exec
    .insert(incidentLinks)
    .values({
      id: newId("inl"),
      incidentId: link.incidentId,
      linkedType: link.linkedType,
      linkedId: link.linkedId,
      note: link.note,
      createdById: link.by,
      createdAt: link.at,
    })
    .onConflictDoNothing()
    .returning({ id: incidentLinks.id });
  return rows.length > 0;
}

export function addLink(ctx: Context, input: IncidentLinkAddInput) {
  const viewer = requireViewer(ctx);
  return runMutation(ctx, { action: "incident.link", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!LINKED_TYPES.includes(input.linkedType as never)) throw badInput("Unknown linkedType.", ["linkedType"]);
    const note = optionalText(input.note, "note", 500);
    const prefix = idPrefix(input.linkedId);
    if (!prefix) throw badInput("linkedId is not a global id of this API.", ["linkedId"]);
    const expected = EXPECTED_PREFIX[input.linkedType];
    if (expected && prefix !== expected) throw badInput(`A ${input.linkedType} id starts with ${expected}_.`, ["linkedId"]);
    if (input.linkedId === input.incidentId) throw badInput("An incident cannot be linked to itself.", ["linkedId"]);
    const incident = await findIncident(m.tx, viewer, input.incidentId);
    if (!incident) throw notFound("The incident", ["incidentId"]);
    if (!incident.canHandle) throw forbidden("linking records to an incident (its handlers)");
    await assertLinkedVisible(m.tx, viewer, input.linkedType, input.linkedId);
    const [dup] = await m.tx
      .select({ id: incidentLinks.id })
      .from(incidentLinks)
      .where(and(eq(incidentLinks.incidentId, input.incidentId), eq(incidentLinks.linkedType, input.linkedType), eq(incidentLinks.linkedId, input.linkedId)));
    if (dup) throw new DomainError(ErrorCode.DUPLICATE, "The records are already linked.", ["linkedId"]);
    const [row] = await m.tx
      .insert(incidentLinks)
      .values({
        id: newId("inl"),
        incidentId: input.incidentId,
        linkedType: input.linkedType,
        linkedId: input.linkedId,
        note,
        createdById: m.actorId,
        createdAt: m.now,
      })
      .returning();
    m.audit({
      targetType: incident.kind === "EMERGENCY" ? "EmergencyIncident" : "SecurityIncident",
      targetId: input.incidentId,
      summary: { linked: { type: input.linkedType, id: input.linkedId } },
    });
    return { link: row };
  });
}

/** Links of one incident (its viewer was already authorised by loading the incident). */
export function linksOf(exec: Executor, incidentId: string) {
  return exec.select().from(incidentLinks).where(eq(incidentLinks.incidentId, incidentId)).orderBy(asc(incidentLinks.createdAt), asc(incidentLinks.id));
}

/** Incidents linked to a record (e.g. a complaint or a reception exception), for other modules. */
export function linksTo(exec: Executor, linkedType: string, linkedId: string) {
  return exec
    .select()
    .from(incidentLinks)
    .where(and(eq(incidentLinks.linkedType, linkedType), eq(incidentLinks.linkedId, linkedId)));
}
