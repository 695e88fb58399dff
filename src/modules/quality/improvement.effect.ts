import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { ImprovementActionRow } from "./improvement.table";
import { type KpiScope } from "./kpi.sql";
import { DAY_MS, measure } from "./kpi.service";
import { kpiDefinitions } from "./kpi.table";

/**
 * The effect of an action (整改成效): its linked KPI over `effectWindowDays` before it was raised, and
 * over as long from its completion (up to now while that window runs). Two statements, one per span.
 */
export async function effectOf(ctx: Context, a: ImprovementActionRow) {
  if (!a.kpiCode) return null;
  const [def] = await ctx.database.db.select().from(kpiDefinitions).where(eq(kpiDefinitions.code, a.kpiCode));
  if (!def) return null;
  const scope: KpiScope = a.kpiStaffId
    ? { kind: "STAFF", id: a.kpiStaffId }
    : a.kpiTeamId
      ? { kind: "TEAM", id: a.kpiTeamId }
      : a.kpiDepartmentId
        ? { kind: "DEPARTMENT", id: a.kpiDepartmentId }
        : { kind: "CENTRE" };
  const span = a.effectWindowDays * DAY_MS;
  const before = await measure(ctx.database, def, new Date(a.createdAt.getTime() - span), a.createdAt, scope);
  let after = null;
  if (a.status === "DONE" && a.completedAt) {
    const end = Math.min(a.completedAt.getTime() + span, Math.max(ctx.clock.now().getTime(), a.completedAt.getTime()));
    after = await measure(ctx.database, def, a.completedAt, new Date(end), scope);
  }
  const change = after?.value != null && before.value != null ? Math.round((after.value - before.value) * 10_000) / 10_000 : null;
  const improved = change === null ? null : def.higherIsBetter ? change > 0 : change < 0;
  return { kpi: def, scopeKind: scope.kind, before, after, change, improved };
}
