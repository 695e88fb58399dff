import { sql } from "drizzle-orm";
import type { Job } from "../../core/module";
import type { AppServices } from "../../core/services";
import { writeAudit } from "../../shared/audit/audit";
import { type NewEvent, writeEvents } from "../../shared/events/hub";
import { type JobLog, eachInSavepoint } from "../../shared/job-rows";
import { RISK_TOPIC } from "./risk.events";
import { businessDate } from "./risk.scoring";
import { risks } from "./risk.table";

const BATCH = 100;
const JOB = "risk.controlWatch";

/**
 * A high or critical open risk must have an active control and no overdue one (a planned or active
 * control past its due date). The watch flags each risk that breaks this once, with an event, and
 * clears the flag once it holds again (a new breach is flagged anew). Rows are claimed with SKIP
 * LOCKED, so several instances running the watch never flag one risk twice.
 */
export async function watchControls(services: Pick<AppServices, "database" | "clock"> & { log?: JobLog }): Promise<number> {
  const now = services.clock.now();
  const today = businessDate(now);
  let flaggedCount = 0;
  await services.database.db.transaction(async (tx) => {
    const res = (await tx.execute(sql`
      select r.id, r.level, r.flagged_at,
             case
               when not exists (select 1 from risk_controls c where c.risk_id = r.id and c.status = 'ACTIVE') then 'No active control measure.'
               when exists (select 1 from risk_controls c where c.risk_id = r.id and c.status in ('PLANNED', 'ACTIVE') and c.due_date < ${today}::date)
                 then 'A control measure is overdue.'
             end as reason
        from risks r
       where r.status = 'OPEN' and (
             (r.level in ('HIGH', 'CRITICAL') and r.flagged_at is null and (
                not exists (select 1 from risk_controls c where c.risk_id = r.id and c.status = 'ACTIVE')
                or exists (select 1 from risk_controls c where c.risk_id = r.id and c.status in ('PLANNED', 'ACTIVE') and c.due_date < ${today}::date)))
          or (r.flagged_at is not null and (r.level not in ('HIGH', 'CRITICAL') or (
                exists (select 1 from risk_controls c where c.risk_id = r.id and c.status = 'ACTIVE')
                and not exists (select 1 from risk_controls c where c.risk_id = r.id and c.status in ('PLANNED', 'ACTIVE') and c.due_date < ${today}::date)))))
       order by r.id
       limit ${BATCH}
       for update of r skip locked`)) as unknown as { rows: { id: string; level: string; flagged_at: unknown; reason: string | null }[] };
    const rows = res.rows;
    if (rows.length === 0) return;
    const events: NewEvent[] = [];
    const audits: { action: string; targetType: string; targetId: string; summary: Record<string, unknown> }[] = [];
    await eachInSavepoint(tx, services.log, JOB, rows, async (sp, row) => {
      const flag = row.flagged_at === null && row.reason !== null;
      await sp.execute(
        flag
          ? sql`update ${risks} set flagged_at = ${now.toISOString()}::timestamptz, flag_reason = ${row.reason}, updated_at = ${now.toISOString()}::timestamptz where id = ${row.id}`
          : sql`update ${risks} set flagged_at = null, flag_reason = null, updated_at = ${now.toISOString()}::timestamptz where id = ${row.id}`,
      );
      audits.push({
        action: flag ? "risk.flagged" : "risk.flagCleared",
        targetType: "Risk",
        targetId: row.id,
        summary: { level: row.level, reason: row.reason },
      });
      if (flag) {
        flaggedCount++;
        events.push({ topic: RISK_TOPIC, kind: "RISK_FLAGGED", entityType: "Risk", entityId: row.id, payload: { level: row.level, reason: row.reason } });
      }
    });
    await writeAudit(tx, null, `job:${JOB}`, audits);
    await writeEvents(tx, null, events);
  });
  return flaggedCount;
}

export const controlWatchJob: Job = { name: JOB, intervalMs: 60_000, run: (services) => watchControls(services).then(() => undefined) };
