import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { Database, Executor } from "../../db/client";
import { badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { requireViewer } from "../../shared/viewer";
import { departments, staff, teams } from "../organisation";
import type { KpiScopeInput } from "./improvement.inputs";
import type { KpiPeriodInput, KpiTargetSetInput } from "./kpi.inputs";
import { KPI_STATEMENTS, type KpiScope } from "./kpi.sql";
import { KPI_CODES, type KpiCodeName, type KpiDefinitionRow, type PeriodKindName, PERIOD_KINDS, kpiDefinitions, kpiTargets } from "./kpi.table";
import { canReadKpis, canSetTarget } from "./quality.policy";

/** A scope resolved against the organisation: what it is, and the department whose targets apply. */
export interface ResolvedScope {
  scope: KpiScope;
  departmentId: string | null;
  teamId: string | null;
  staffId: string | null;
}

export interface KpiMeasure {
  from: Date;
  to: Date;
  numerator: number;
  denominator: number;
  /** numerator / denominator (× 10,000 for PER_10K), rounded half away from zero to 4 decimals; null without a denominator. */
  value: number | null;
}

const DAY_MS = 86_400_000;

/** Checks the scope names at most one existing department, team or member. */
export async function resolveScope(exec: Executor, input: KpiScopeInput | null | undefined, field: string): Promise<ResolvedScope> {
  const given = (["departmentId", "teamId", "staffId"] as const).filter((k) => input?.[k]);
  if (given.length > 1) throw badInput("Name at most one of departmentId, teamId and staffId.", [field]);
  if (given.length === 0) return { scope: { kind: "CENTRE" }, departmentId: null, teamId: null, staffId: null };
  const key = given[0];
  const id = input![key]!;
  if (key === "departmentId") {
    const [d] = await exec.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
    if (!d) throw notFound("The department", [field, key]);
    return { scope: { kind: "DEPARTMENT", id }, departmentId: id, teamId: null, staffId: null };
  }
  if (key === "teamId") {
    const [t] = await exec.select({ id: teams.id, departmentId: teams.departmentId }).from(teams).where(eq(teams.id, id));
    if (!t) throw notFound("The team", [field, key]);
    return { scope: { kind: "TEAM", id }, departmentId: t.departmentId, teamId: id, staffId: null };
  }
  const [s] = await exec.select({ id: staff.id, departmentId: staff.departmentId, teamId: staff.teamId }).from(staff).where(eq(staff.id, id));
  if (!s) throw notFound("The staff member", [field, key]);
  return { scope: { kind: "STAFF", id }, departmentId: s.departmentId, teamId: s.teamId, staffId: id };
}

/** One KPI over [from, to) for a scope: one SQL statement. */
export async function measure(database: Database, def: Pick<KpiDefinitionRow, "code" | "unit">, from: Date, to: Date, scope: KpiScope): Promise<KpiMeasure> {
  const params: unknown[] = [from.toISOString(), to.toISOString()];
  if (scope.kind !== "CENTRE") params.push(scope.id);
  const [row] = await database.query<{ num: number | string; den: number | string }>(KPI_STATEMENTS[def.code](scope), params);
  const numerator = Number(row?.num ?? 0);
  const denominator = Number(row?.den ?? 0);
  const raw = denominator === 0 ? null : (numerator * (def.unit === "PER_10K" ? 10_000 : 1)) / denominator;
  return { from, to, numerator: Math.round(numerator * 1000) / 1000, denominator, value: raw === null ? null : Math.round(raw * 10_000) / 10_000 };
}

/** The period's start and end; a start must be a UTC midnight, a Monday for a week, the 1st for a month. */
export function periodRange(period: KpiPeriodInput): { kind: PeriodKindName; from: Date; to: Date } {
  const kind = period.kind as PeriodKindName;
  if (!PERIOD_KINDS.includes(kind)) throw badInput("Unknown period kind.", ["period", "kind"]);
  const from = period.start;
  if (!(from instanceof Date) || Number.isNaN(from.getTime()) || from.getTime() % DAY_MS !== 0)
    throw badInput("A period starts at midnight UTC.", ["period", "start"]);
  if (kind === "WEEK" && from.getUTCDay() !== 1) throw badInput("A week starts on a Monday.", ["period", "start"]);
  if (kind === "MONTH" && from.getUTCDate() !== 1) throw badInput("A month starts on its first day.", ["period", "start"]);
  const to =
    kind === "DAY"
      ? new Date(from.getTime() + DAY_MS)
      : kind === "WEEK"
        ? new Date(from.getTime() + 7 * DAY_MS)
        : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return { kind, from, to };
}

export function definitions(database: Database): Promise<KpiDefinitionRow[]> {
  return database.db.select().from(kpiDefinitions).orderBy(kpiDefinitions.code);
}

/**
 * The KPI report of a period and scope: one statement for the definitions with their applicable
 * targets (the department's, else the centre-wide default), then one statement per KPI, none per row.
 */
export async function kpiReport(ctx: Context, period: KpiPeriodInput, scopeInput: KpiScopeInput | null | undefined) {
  const viewer = requireViewer(ctx);
  const range = periodRange(period);
  const resolved = await resolveScope(ctx.database.db, scopeInput, "scope");
  if (!canReadKpis(viewer, { kind: resolved.scope.kind, ...resolved })) throw forbidden("reading KPIs of this scope");
  const rows = await ctx.database.db
    .select({ def: kpiDefinitions, target: kpiTargets.target, targetDepartmentId: kpiTargets.departmentId })
    .from(kpiDefinitions)
    .leftJoin(
      kpiTargets,
      and(
        eq(kpiTargets.kpiCode, kpiDefinitions.code),
        eq(kpiTargets.periodKind, range.kind),
        resolved.departmentId ? or(isNull(kpiTargets.departmentId), eq(kpiTargets.departmentId, resolved.departmentId)) : isNull(kpiTargets.departmentId),
      ),
    )
    .orderBy(kpiDefinitions.code, sql`${kpiTargets.departmentId} is null`);
  const defs = new Map<KpiCodeName, { def: KpiDefinitionRow; target: number | null }>();
  for (const r of rows) if (!defs.has(r.def.code)) defs.set(r.def.code, { def: r.def, target: r.target === null ? null : Number(r.target) });
  const ordered = KPI_CODES.filter((c) => defs.has(c)).map((c) => defs.get(c)!);
  const values = await Promise.all(
    ordered.map(async ({ def, target }) => {
      const m = await measure(ctx.database, def, range.from, range.to, resolved.scope);
      const targetMet = target === null || m.value === null ? null : def.higherIsBetter ? m.value >= target : m.value <= target;
      return { kpi: def, ...m, target, targetMet };
    }),
  );
  return { periodKind: range.kind, from: range.from, to: range.to, scopeKind: resolved.scope.kind, ...resolved, values };
}

/** Sets (or replaces) the target of a KPI for a department (none: the centre-wide default) and period kind. */
export function setTarget(ctx: Context, input: KpiTargetSetInput) {
  requireViewer(ctx);
  return runMutation(ctx, { action: "kpiTarget.set", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const viewer = ctx.viewer!;
    if (!canSetTarget(viewer, input.departmentId ?? null))
      throw forbidden("setting this KPI target (a supervisor for their department, the administrator or head-office senior)");
    const code = input.kpiCode as KpiCodeName;
    if (!KPI_CODES.includes(code)) throw badInput("Unknown KPI.", ["kpiCode"]);
    const kind = input.periodKind as PeriodKindName;
    if (!Number.isFinite(input.target) || input.target < 0 || input.target > 1e9) throw badInput("target must be a number from 0.", ["target"]);
    if (input.departmentId) {
      const [d] = await m.tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
      if (!d) throw notFound("The department", ["departmentId"]);
    }
    // Targets are kept to 4 decimals, rounded half away from zero.
    const target = (Math.round(input.target * 10_000) / 10_000).toFixed(4);
    const [row] = await m.tx
      .insert(kpiTargets)
      .values({ id: newId("kpt"), kpiCode: code, departmentId: input.departmentId ?? null, periodKind: kind, target, setById: m.actorId, updatedAt: m.now })
      .onConflictDoUpdate({
        target: [kpiTargets.kpiCode, kpiTargets.periodKind, kpiTargets.departmentId],
        set: { target, setById: m.actorId, updatedAt: m.now },
      })
      .returning();
    m.audit({ targetType: "KpiTarget", targetId: row.id, summary: { after: { kpiCode: code, periodKind: kind, departmentId: row.departmentId, target } } });
    return { target: { ...row, targetValue: Number(row.target) } };
  });
}

export { DAY_MS };
