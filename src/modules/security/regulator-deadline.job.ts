import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { incidentEvent, severityToLevel } from "../incidents";
import { securityIncidents } from "./security-incident.table";

const BATCH = 100;
const JOB = "security.regulatorDeadlines";

/**
 * Announces, once each, data leaks whose notification deadline passed with the regulator or the affected people not yet notified.
 * Rows are claimed with SKIP LOCKED so that several instances running the watch never announce twice.
 */
export async function flagRegulatorDeadlines(services: Pick<AppServices, "database" | "hub" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const events: NewEvent[] = [];
  await services.database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(securityIncidents)
      .where(
        and(
          eq(securityIncidents.regulatorNotificationRequired, true),
          or(isNull(securityIncidents.regulatorNotifiedAt), isNull(securityIncidents.affectedNotifiedAt)),
          isNull(securityIncidents.regulatorDeadlineBreachedAt),
          lt(securityIncidents.regulatorNotificationDueAt, now),
        ),
      )
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return;
    const flagged: typeof due = [];
    // Each incident in its own savepoint: one that fails is logged by id and code, the others are flagged.
    await eachInSavepoint(tx, services.log, JOB, due, async (sp, row) => {
      await sp.update(securityIncidents).set({ regulatorDeadlineBreachedAt: now, updatedAt: now }).where(eq(securityIncidents.id, row.id));
      flagged.push(row);
    });
    for (const row of flagged) {
      events.push(
        incidentEvent("DEADLINE_BREACHED", row, {
          incidentKind: "SECURITY",
          level: severityToLevel(row.severity),
          note: row.regulatorNotifiedAt
            ? "Notification deadline passed: the affected people were not notified."
            : "Notification deadline passed: the regulator was not notified.",
        }),
      );
    }
    await writeAudit(
      tx,
      null,
      `job:${JOB}`,
      flagged.map((r) => ({
        action: "securityIncident.regulatorDeadlineBreached",
        targetType: "SecurityIncident",
        targetId: r.id,
        summary: { dueAt: r.regulatorNotificationDueAt?.toISOString() },
      })),
    );
    await writeEvents(tx, null, events);
  });
  if (events.length > 0) void services.hub.poke();
  return events.length;
}

export const regulatorDeadlineJob: Job = {
  name: "security.regulatorDeadlines",
  intervalMs: 60_000,
  run: async (services) => void (await flagRegulatorDeadlines(services)),
};
