import { and, isNull, lt, ne } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { equipment } from "./equipment.table";
import { EQUIPMENT_TOPIC } from "./fault.service";

const BATCH = 100;
const JOB = "equipment.maintenanceOverdue";

/**
 * Flags, once per due date, devices whose scheduled maintenance is overdue, and raises an event for each
 * (chapter 10.2). Rows are claimed with SKIP LOCKED so several instances never flag one twice; a row that
 * fails is rolled back alone and logged by id.
 */
export async function flagOverdueMaintenance(services: Pick<AppServices, "database" | "hub" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const events: NewEvent[] = [];
  await services.database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(equipment)
      .where(and(ne(equipment.status, "SCRAPPED"), lt(equipment.nextMaintenanceDueAt, now), isNull(equipment.overdueFlaggedAt)))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return;
    const flagged: typeof due = [];
    await eachInSavepoint(tx, services.log, JOB, due, async (sp, row) => {
      await sp.update(equipment).set({ overdueFlaggedAt: now, updatedAt: now }).where(eq(equipment.id, row.id));
      flagged.push(row);
    });
    for (const row of flagged) {
      events.push({
        topic: EQUIPMENT_TOPIC,
        kind: "MAINTENANCE_OVERDUE",
        entityType: "Equipment",
        entityId: row.id,
        departmentId: row.departmentId,
        payload: { assetNumber: row.assetNumber, dueAt: row.nextMaintenanceDueAt?.toISOString() },
      });
    }
    await writeAudit(
      tx,
      null,
      `job:${JOB}`,
      flagged.map((r) => ({ action: JOB, targetType: "Equipment", targetId: r.id, summary: { dueAt: r.nextMaintenanceDueAt?.toISOString() } })),
    );
    await writeEvents(tx, null, events);
  });
  if (events.length > 0) void services.hub.poke();
  return events.length;
}

export const maintenanceOverdueJob: Job = {
  name: JOB,
  intervalMs: 300_000,
  run: async (services) => void (await flagOverdueMaintenance(services)),
};
