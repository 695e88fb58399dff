import { and, asc, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { AppServices } from "../../core/services";
import type { Job } from "../../core/module";
import { newId } from "../../core/ids";
import { writeAudit } from "../../shared/audit/audit";
import { type JobLog, eachInTransaction } from "../../shared/job-rows";
import { complaints } from "../complaints";
import { staff } from "../organisation";
import { complaintTrendRules, improvementActions } from "./improvement.table";

const JOB = "quality.complaintTrends";
const DAY_MS = 86_400_000;

/**
 * The trend rule (投诉趋势 → 溯源整改), manual chapters 7 and 8.3: complaints are counted in fixed
 * windows of `windowDays` (from the epoch, so every instance sees the same windows); a category and
 * business line reaching `threshold` complaints in the current window raises one improvement action,
 * owned by the supervisor of the department of its latest complaint. The action's source id names the
 * trend and the window, and a unique index makes the insert happen once however many instances run.
 */
export async function runTrendWatch(services: Pick<AppServices, "database" | "clock"> & { log?: JobLog }): Promise<{ raised: string[] }> {
  const db = services.database.db;
  const [rule] = await db.select().from(complaintTrendRules).orderBy(asc(complaintTrendRules.id)).limit(1);
  if (!rule) return { raised: [] };
  const now = services.clock.now();
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowDays * DAY_MS)) * rule.windowDays * DAY_MS);
  const trends = await db
    .select({ category: complaints.category, businessLine: complaints.businessLine, n: sql<number>`count(*)::int` })
    .from(complaints)
    .where(and(gte(complaints.receivedAt, windowStart), lte(complaints.receivedAt, now), isNotNull(complaints.category), isNotNull(complaints.businessLine)))
    .groupBy(complaints.category, complaints.businessLine)
    .having(sql`count(*) >= ${rule.threshold}`);
  const keys = trends.map((t) => `${t.category}:${t.businessLine}:${windowStart.toISOString().slice(0, 10)}`);
  const { results } = await eachInTransaction(db, services.log, JOB, keys, async (tx, key) => {
    const [category, businessLine] = key.split(":");
    const n = trends.find((t) => t.category === category && t.businessLine === businessLine)!.n;
    const [latest] = await tx
      .select({ departmentId: complaints.departmentId })
      .from(complaints)
      .where(
        and(sql`${complaints.category}::text = ${category}`, sql`${complaints.businessLine}::text = ${businessLine}`, gte(complaints.receivedAt, windowStart)),
      )
      .orderBy(desc(complaints.receivedAt))
      .limit(1);
    const [owner] = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.position, "SUPERVISOR"), eq(staff.active, true), latest ? eq(staff.departmentId, latest.departmentId) : sql`true`))
      .orderBy(asc(staff.id))
      .limit(1);
    if (!owner) return null;
    const [row] = await tx
      .insert(improvementActions)
      .values({
        id: newId("imp"),
        sourceType: "COMPLAINT_TREND",
        sourceId: key,
        description: `${n} complaints of category ${category} in business line ${businessLine} since ${windowStart.toISOString().slice(0, 10)}: find the common root cause and put it right (溯源整改).`,
        ownerId: owner.id,
        dueAt: new Date(now.getTime() + rule.dueDays * DAY_MS),
        status: "OPEN",
        kpiCode: "COMPLAINTS_PER_10K_VISITS",
        effectWindowDays: rule.windowDays,
        createdById: null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await writeAudit(tx, null, null, [
      {
        action: "improvementAction.raiseFromTrend",
        targetType: "ImprovementAction",
        targetId: row.id,
        summary: { after: { sourceId: key, count: n, ownerId: owner.id } },
      },
    ]);
    return row.id;
  });
  return { raised: results.filter((r): r is string => r !== null) };
}

export const trendWatchJob: Job = { name: JOB, intervalMs: 3_600_000, run: (services) => runTrendWatch(services).then(() => undefined) };
