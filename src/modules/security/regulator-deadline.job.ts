import { and, eq, isNull, lt } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { incidentEvent, severityToLevel } from "../incidents/incident-events";
import { securityIncidents } from "./security-incident.table";

const BATCH = 100;

/**
 * Announces, once each, data leaks whose regulator-notification deadline passed without a notification.
 * Rows are claimed with SKIP LOCKED so that several instances running the watch never announce twice.
 */
export async function flagRegulatorDeadlines(services: AppServices): Promise<number> {
  const now = services.clock.now();
  const events: NewEvent[] = [];
  await services.database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(securityIncidents)
      .where(
        and(
          eq(securityIncidents.regulatorNotificationRequired, true),
          isNull(securityIncidents.regulatorNotifiedAt),
          isNull(securityIncidents.regulatorDeadlineBreachedAt),
          lt(securityIncidents.regulatorNotificationDueAt, now),
        ),
      )
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return;
    for (const row of due) {
      await tx.update(securityIncidents).set({ regulatorDeadlineBreachedAt: now, updatedAt: now }).where(eq(securityIncidents.id, row.id));
      events.push(incidentEvent("DEADLINE_BREACHED", row, { incidentKind: "SECURITY", level: severityToLevel(row.severity), note: "Regulator notification deadline passed without a notification." }));
    }
    await writeAudit(
      tx,
      null,
      "job:security.regulatorDeadlines",
      due.map((r) => ({ action: "securityIncident.regulatorDeadlineBreached", targetType: "SecurityIncident", targetId: r.id, summary: { dueAt: r.regulatorNotificationDueAt?.toISOString() } })),
    );
    await writeEvents(tx, null, events);
  });
  if (events.length > 0) void services.hub.poke();
  return events.length;
}

export const regulatorDeadlineJob: Job = { name: "security.regulatorDeadlines", intervalMs: 60_000, run: async (services) => void (await flagRegulatorDeadlines(services)) };
