import { type SQL, and, asc, eq, gte, ilike, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { type ConnectionArgs, paginate } from "../../shared/connection";
import type { ListReads } from "../../shared/prefetch";
import { badInput, forbidden } from "../../core/errors";
import { dateOrder } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { ComplaintFilter, ComplaintOrder } from "./complaint.inputs";
import { assertCanSeeStatistics, inScope, scopeCondition } from "./complaint.policy";
import { COMPLAINT_STATUSES, type ComplaintRow, type ComplaintStatus, complaints } from "./complaint.table";

const DAY_MS = 24 * 3600_000;

/** Loads one complaint if the viewer's scope holds it (else null: existence is not disclosed). */
export async function loadVisible(ctx: Context, id: string): Promise<ComplaintRow | null> {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  const row = await ctx.loaders.of(complaints).load(id);
  return row && inScope(viewer, row) ? row : null;
}

export async function byReference(ctx: Context, reference: string): Promise<ComplaintRow | null> {
  const viewer = requireViewer(ctx);
  const [row] = await ctx.database.db.select().from(complaints).where(eq(complaints.reference, reference.trim()));
  return row && inScope(viewer, row) ? row : null;
}

const overdueCondition = (now: Date) => and(isNull(complaints.decidedAt), lt(complaints.deadlineAt, now), sql`${complaints.status} <> 'WITHDRAWN'`)!;

const STATUSES = new Set<string>(COMPLAINT_STATUSES);

/**
 * The status filter with its values written into the statement (each one of the enum's, in a fixed
 * order): a prepared list statement's one plan can then use the index of open complaints, whose
 * condition PostgreSQL must prove from the statement's text (it cannot from parameters).
 */
function statusIn(statuses: readonly string[]): SQL {
  const values = [...new Set(statuses)].sort();
  if (!values.every((v) => STATUSES.has(v))) return inArray(complaints.status, values as ComplaintStatus[]);
  return sql`${complaints.status} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}

function filterConditions(f: ComplaintFilter | null | undefined, now: Date): SQL[] {
  const conds: SQL[] = [];
  if (!f) return conds;
  dateOrder(f.receivedFrom, f.receivedTo, "filterBy.receivedFrom");
  if (f.status?.length) conds.push(statusIn(f.status));
  if (f.category) conds.push(eq(complaints.category, f.category as never));
  if (f.severity) conds.push(eq(complaints.severity, f.severity as never));
  if (f.businessLine) conds.push(eq(complaints.businessLine, f.businessLine as never));
  if (f.channel) conds.push(eq(complaints.channel, f.channel as never));
  if (f.handlerId) conds.push(eq(complaints.handlerId, f.handlerId));
  if (f.departmentId) conds.push(eq(complaints.departmentId, f.departmentId));
  if (f.customerId) conds.push(eq(complaints.customerId, f.customerId));
  if (f.overdue === true) conds.push(overdueCondition(now));
  if (f.overdue === false) conds.push(sql`not (${overdueCondition(now)})`);
  if (f.deadlineBefore) conds.push(lt(complaints.deadlineAt, f.deadlineBefore));
  if (f.receivedFrom) conds.push(gte(complaints.receivedAt, f.receivedFrom));
  if (f.receivedTo) conds.push(lt(complaints.receivedAt, f.receivedTo));
  if (f.subjectContains) {
    if (f.subjectContains.length > 100) throw badInput("subjectContains must be at most 100 characters long.", ["filterBy", "subjectContains"]);
    conds.push(ilike(complaints.subject, `%${f.subjectContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  return conds;
}

const ORDER_COLUMNS = {
  RECEIVED_AT: complaints.receivedAt,
  DEADLINE_AT: complaints.deadlineAt,
  UPDATED_AT: complaints.updatedAt,
  REFERENCE: complaints.reference,
} as const;

/** Complaints in the viewer's scope, filtered and sorted (default: newest received first). */
export function list(
  ctx: Context,
  filter: ComplaintFilter | null | undefined,
  order: ComplaintOrder | null | undefined,
  args: ConnectionArgs,
  reads?: ListReads | null,
) {
  const viewer = requireViewer(ctx);
  const conds = [scopeCondition(viewer), ...filterConditions(filter, ctx.clock.now())];
  const by = ORDER_COLUMNS[(order?.field ?? "RECEIVED_AT") as keyof typeof ORDER_COLUMNS];
  const direction = order ? (order.direction === "ASC" ? "asc" : "desc") : "desc";
  return paginate<ComplaintRow>({
    exec: ctx.database,
    table: complaints,
    where: and(...conds),
    orderBy: by,
    direction,
    idColumn: complaints.id,
    args,
    rowId: (r) => r.id,
    reads,
  });
}

type CountRow = { key: string | null; count: number };

/** Statistics for the complaints received in [from, to) in the viewer's scope (and a department). */
export async function statistics(ctx: Context, from: Date, to: Date, departmentId: string | null | undefined) {
  const viewer = requireViewer(ctx);
  try {
    assertCanSeeStatistics(viewer);
  } catch (err) {
    throw (err as ReturnType<typeof forbidden>).toGraphQLError();
  }
  try {
    dateOrder(from, to, "from");
  } catch (err) {
    throw (err as ReturnType<typeof badInput>).toGraphQLError();
  }
  if (to.getTime() - from.getTime() > 366 * 2 * DAY_MS) throw badInput("The period may be at most two years.", ["to"]).toGraphQLError();
  const where = and(
    scopeCondition(viewer),
    gte(complaints.receivedAt, from),
    lt(complaints.receivedAt, to),
    departmentId ? eq(complaints.departmentId, departmentId) : undefined,
  )!;
  const db = ctx.database.db;
  const countBy = async (column: typeof complaints.status | typeof complaints.category | typeof complaints.severity | typeof complaints.channel) => {
    const rows = (await db
      .select({ key: sql<string | null>`${column}::text`, count: sql<number>`count(*)::int` })
      .from(complaints)
      .where(where)
      .groupBy(column)
      .orderBy(sql`1`)) as CountRow[];
    return rows.map((r) => ({ key: r.key ?? "NONE", count: Number(r.count) }));
  };
  const [byCategory, bySeverity, byStatus, byChannel] = await Promise.all([
    countBy(complaints.category),
    countBy(complaints.severity),
    countBy(complaints.status),
    countBy(complaints.channel),
  ]);
  const [agg] = await db
    .select({
      total: sql<number>`count(*)::int`,
      decided: sql<number>`count(${complaints.decidedAt})::int`,
      onTime: sql<number>`count(*) filter (where ${complaints.decidedAt} <= ${complaints.deadlineAt})::int`,
      avgDays: sql<string | null>`(avg(extract(epoch from ${complaints.decidedAt} - ${complaints.receivedAt})) / 86400)::text`,
      answered: sql<number>`count(${complaints.satisfaction})::int`,
      satisfied: sql<number>`count(*) filter (where ${complaints.satisfaction} in ('SATISFIED', 'BASICALLY_SATISFIED'))::int`,
    })
    .from(complaints)
    .where(where);
  const overdue = await db
    .select()
    .from(complaints)
    .where(and(where, overdueCondition(ctx.clock.now())))
    .orderBy(asc(complaints.deadlineAt), asc(complaints.id))
    .limit(100);
  const decided = Number(agg.decided);
  const answered = Number(agg.answered);
  return {
    from,
    to,
    total: Number(agg.total),
    byCategory,
    bySeverity,
    byStatus,
    byChannel,
    decided,
    onTimeDecisionRate: decided ? Number(agg.onTime) / decided : null,
    averageDaysToDecision: agg.avgDays === null ? null : Math.round(Number(agg.avgDays) * 100) / 100,
    satisfactionRate: answered ? Number(agg.satisfied) / answered : null,
    overdue,
  };
}
