import { and, asc, eq, isNull } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import type { Executor } from "../../db/client";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import type { EmergencyIncidentSkipStepInput } from "./incident.inputs";
import { assertHandler, lockIncident, save, timeline } from "./incident.service";
import { emergencyIncidentSteps } from "./incident.table";

/**
 * Chapter 12.3: an incident is contained only after every required step of its activated plan is done,
 * or skipped with a recorded reason. Refuses with STEPS_OUTSTANDING naming the open ordinals.
 */
export async function assertRequiredStepsSettled(exec: Executor, incidentId: string): Promise<void> {
  const open = await exec
    .select({ ordinal: emergencyIncidentSteps.ordinal })
    .from(emergencyIncidentSteps)
    .where(
      and(
        eq(emergencyIncidentSteps.incidentId, incidentId),
        eq(emergencyIncidentSteps.required, true),
        isNull(emergencyIncidentSteps.doneAt),
        isNull(emergencyIncidentSteps.skippedAt),
      ),
    )
    .orderBy(asc(emergencyIncidentSteps.ordinal));
  if (open.length > 0) {
    throw new DomainError(
      "STEPS_OUTSTANDING",
      `The incident is contained only once every required step is done or skipped with a reason; open: ${open.map((s) => s.ordinal).join(", ")}.`,
      ["incidentId"],
      { openSteps: open.map((s) => s.ordinal) },
    );
  }
}

/** Skips a step, once, with the reason it is not carried out: the skip and its reason stay on the checklist and the timeline. */
export function skipStep(ctx: Context, input: EmergencyIncidentSkipStepInput) {
  assertHandler(ctx);
  return runMutation(ctx, { action: "emergencyIncident.skipStep", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 1000);
    const incident = await lockIncident(ctx, m.tx, input.incidentId, true);
    if (incident.status !== "RESPONDING") {
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Checklist steps are skipped while RESPONDING; the incident is ${incident.status}.`, [
        "incidentId",
      ]);
    }
    const [step] = await m.tx
      .select()
      .from(emergencyIncidentSteps)
      .where(and(eq(emergencyIncidentSteps.incidentId, incident.id), eq(emergencyIncidentSteps.ordinal, input.ordinal)));
    if (!step) throw badInput(`The checklist has no step ${input.ordinal}.`, ["ordinal"]);
    if (step.doneAt) throw new DomainError("STEP_ALREADY_DONE", `Step ${input.ordinal} was already done.`, ["ordinal"]);
    if (step.skippedAt) throw new DomainError("STEP_SKIPPED", `Step ${input.ordinal} was already skipped.`, ["ordinal"]);
    await m.tx
      .update(emergencyIncidentSteps)
      .set({ skippedReason: reason, skippedById: m.actorId, skippedAt: m.now })
      .where(eq(emergencyIncidentSteps.id, step.id));
    const row = await save(m, incident.id, {});
    await timeline(m, row, "UPDATE_ADDED", `Step ${input.ordinal} skipped (${step.action}): ${reason}`);
    m.audit({ targetType: "EmergencyIncident", targetId: row.id, summary: { stepSkipped: input.ordinal } });
    return { incident: row };
  });
}
