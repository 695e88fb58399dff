import { and, eq, gt, isNull, lte, notInArray } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { EXPIRING_MS, TOPIC } from "./certification.service";
import { certifications } from "./training.table";

const JOB = "certification-expiry-watch";
const BATCH = 200;

/**
 * The expiry watch (资格到期提醒, manual chapter 9): flags each certification still valid but expiring
 * within 30 days, once, and raises a CERTIFICATION_EXPIRING event. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and flagged only while the flag is empty, so several instances never flag one
 * twice; each row runs in its own savepoint, a failing one is logged by id and code and retried next run.
 */
export async function runExpiryWatch(services: Pick<AppServices, "database" | "hub" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const failed: string[] = [];
  let flagged = 0;
  for (;;) {
    const done = await services.database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(certifications)
        .where(
          and(
            isNull(certifications.expiringFlaggedAt),
            gt(certifications.expiresAt, now),
            lte(certifications.expiresAt, new Date(now.getTime() + EXPIRING_MS)),
            failed.length > 0 ? notInArray(certifications.id, failed) : undefined,
          ),
        )
        .limit(BATCH)
        .for("update", { skipLocked: true });
      const events: NewEvent[] = [];
      const audits: { action: string; targetType: string; targetId: string; summary: Record<string, unknown> }[] = [];
      failed.push(
        ...(await eachInSavepoint(tx, services.log, JOB, rows, async (sp, row) => {
          const [done] = await sp
            .update(certifications)
            .set({ expiringFlaggedAt: now })
            .where(and(eq(certifications.id, row.id), isNull(certifications.expiringFlaggedAt)))
            .returning();
          if (!done) return;
          flagged++;
          events.push({
            topic: TOPIC,
            kind: "CERTIFICATION_EXPIRING",
            entityType: "Certification",
            entityId: row.id,
            payload: { staffId: row.staffId, kind: row.kind, expiresAt: row.expiresAt.toISOString() },
          });
          audits.push({ action: "certification.expiring", targetType: "Certification", targetId: row.id, summary: { expiresAt: row.expiresAt.toISOString() } });
        })),
      );
      await writeAudit(tx, null, null, audits);
      await writeEvents(tx, null, events);
      return rows.length < BATCH;
    });
    if (done) break;
  }
  if (flagged > 0) void services.hub.poke();
  return flagged;
}

export const expiryWatchJob: Job = {
  name: JOB,
  intervalMs: 3_600_000,
  run: (services) => runExpiryWatch(services).then(() => undefined),
};
