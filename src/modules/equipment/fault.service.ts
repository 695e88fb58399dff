import { and, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { reportIncidentWithin } from "../emergency";
import { insertLinkOnce } from "../incidents";
import { linkException, recordExceptionWithin } from "../reception";
import type { EquipmentFaultReportInput } from "./equipment.inputs";
import { CUSTOMER_FACING } from "./equipment.states";
import { equipmentFaults } from "./equipment.table";
import { lockEquipment, moveEquipment } from "./register.service";

export const EQUIPMENT_TOPIC = "EQUIPMENT";

/**
 * A fault report (chapter 10.2): the device becomes FAULTY. On equipment that serves customers the
 * reporter may, in the same transaction, record a reception exception on the visit it failed during
 * (chapter 3.3) and raise a system-outage emergency incident (chapter 12). The fault keeps both ids; the
 * incident lists the fault among its links; when both are raised the exception is escalated into the
 * incident, so that each of the three shows the others.
 */
export function reportFault(ctx: Context, input: EquipmentFaultReportInput) {
  const viewer = requireViewer(ctx);
  return runMutation(ctx, { action: "equipment.faultReport", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const description = text(input.description, "description", 1, 2000);
    const before = await lockEquipment(m.tx, input.equipmentId);
    const raises = Boolean(input.visitId || input.raiseIncidentLevel);
    if (raises && !CUSTOMER_FACING.includes(before.type)) {
      throw new DomainError(
        "NOT_CUSTOMER_FACING",
        `Only a fault on equipment serving customers (${CUSTOMER_FACING.join(", ")}) raises a reception exception or an incident; this is ${before.type}.`,
        [input.visitId ? "visitId" : "raiseIncidentLevel"],
      );
    }
    const [open] = await m.tx
      .select({ id: equipmentFaults.id })
      .from(equipmentFaults)
      .where(and(eq(equipmentFaults.equipmentId, before.id), eq(equipmentFaults.status, "OPEN")));
    if (open) throw new DomainError(ErrorCode.DUPLICATE, `The equipment already has an open fault (${open.id}).`, ["equipmentId"]);
    const row = await moveEquipment(m, before, "FAULTY");
    const faultId = newId("eqflt");
    const what = `${before.type} ${before.assetNumber} at ${before.site}`;
    const exception = input.visitId
      ? await recordExceptionWithin(
          m.tx,
          viewer,
          { visitId: input.visitId, kind: "SYSTEM_FAILURE", description: `Equipment fault: ${what}: ${description}` },
          m.now,
        )
      : null;
    const incident = input.raiseIncidentLevel
      ? await reportIncidentWithin(m, viewer, {
          type: "SYSTEM_OUTAGE",
          level: input.raiseIncidentLevel,
          location: `${before.site} (${before.assetNumber})`.slice(0, 200),
          description: `Equipment fault on ${what}: ${description}`.slice(0, 2000),
        })
      : null;
    const [fault] = await m.tx
      .insert(equipmentFaults)
      .values({
        id: faultId,
        equipmentId: before.id,
        description,
        status: "OPEN",
        reportedById: viewer.id,
        reportedAt: m.now,
        receptionExceptionId: exception?.id ?? null,
        emergencyIncidentId: incident?.id ?? null,
      })
      .returning();
    if (incident) {
      await insertLinkOnce(m.tx, {
        incidentId: incident.id,
        linkedType: "OTHER",
        linkedId: fault.id,
        note: "Equipment fault report.",
        by: m.actorId,
        at: m.now,
      });
      if (exception) {
        await linkException(m.tx, exception.id, "EMERGENCY_INCIDENT", incident.id, m.actorId, m.now);
        await insertLinkOnce(m.tx, {
          incidentId: incident.id,
          linkedType: "RECEPTION_EXCEPTION",
          linkedId: exception.id,
          note: "Raised with the equipment fault.",
          by: m.actorId,
          at: m.now,
        });
      }
    }
    m.emit({
      topic: EQUIPMENT_TOPIC,
      kind: "FAULT_REPORTED",
      entityType: "EquipmentFault",
      entityId: fault.id,
      departmentId: row.departmentId,
      payload: { equipmentId: row.id, incidentId: incident?.id ?? null, exceptionId: exception?.id ?? null },
    });
    m.audit({
      targetType: "EquipmentFault",
      targetId: fault.id,
      summary: { equipmentId: row.id, before: { status: before.status }, after: { status: row.status }, incidentId: incident?.id, exceptionId: exception?.id },
    });
    return { fault };
  });
}
