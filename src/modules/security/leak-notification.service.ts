import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import type { SecurityIncidentNotifyAffectedInput } from "./security.inputs";
import { assertHandler, lockIncident, timeline } from "./security-incident.service";
import { securityIncidents } from "./security-incident.table";

/**
 * PIPL art. 57: the people whose information leaked are told without delay, as the regulator is. The
 * notice is a recorded step (who, when, how), once per incident, and closing the incident waits for it.
 */
export function notifyAffected(ctx: Context, input: SecurityIncidentNotifyAffectedInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "securityIncident.notifyAffected", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const note = text(input.note, "note", 1, 500);
    const before = await lockIncident(ctx, m.tx, input.incidentId);
    if (!before.regulatorNotificationRequired)
      throw new DomainError(ErrorCode.CONFLICT, "This incident leaked no personal information: there is nobody to notify.", ["incidentId"]);
    if (before.affectedNotifiedAt) throw new DomainError(ErrorCode.CONFLICT, "The affected people were already notified.", ["incidentId"]);
    const [row] = await m.tx
      .update(securityIncidents)
      .set({ affectedNotifiedAt: m.now, affectedNotificationNote: note, affectedNotifiedById: m.actorId, updatedAt: m.now })
      .where(eq(securityIncidents.id, before.id))
      .returning();
    await timeline(m, row, "AFFECTED_NOTIFIED", `Affected people notified: ${note}`);
    m.audit({ targetType: "SecurityIncident", targetId: row.id, summary: { affectedNotified: true, late: before.regulatorNotificationDueAt! < m.now } });
    return { incident: row };
  });
}
