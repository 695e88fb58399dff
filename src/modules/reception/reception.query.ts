import { type SQL, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { Executor } from "../../db/client";
import { type ConnectionArgs, type ConnectionShape, paginateTable } from "../../shared/connection";
import type { ListReads } from "../../shared/prefetch";
import { badInput } from "../../core/errors";
import { requireViewer } from "../../shared/viewer";
import type { VisitExceptionFilter, VisitFilter } from "./reception.inputs";
import { assertCanReadVisits } from "./reception.policy";
import {
  BUSINESS_TYPES,
  type BusinessTypeName,
  type ChannelName,
  type ExceptionKindName,
  type VisitExceptionRow,
  type VisitRow,
  type VisitStatusName,
  receptionExceptions,
  receptionVisits,
} from "./reception.table";

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** Waiting time: from the ticket to the call (or to now / to abandonment while never called). */
export function waitSeconds(v: VisitRow, now: Date): number {
  const end = v.calledAt ?? v.abandonedAt ?? v.transferredAt ?? (v.status === "WAITING" ? now : null);
  return end ? seconds(v.takenAt, end) : 0;
}

/** Handling time: from the start of service to its completion or transfer (or to now while serving). */
export function handlingSeconds(v: VisitRow, now: Date): number | null {
  if (!v.servingStartedAt) return null;
  const end = v.completedAt ?? v.transferredAt ?? (v.status === "SERVING" ? now : null);
  return end ? seconds(v.servingStartedAt, end) : null;
}

export async function listVisits(
  ctx: Context,
  filter: VisitFilter | null | undefined,
  args: ConnectionArgs,
  reads?: ListReads | null,
): Promise<ConnectionShape<VisitRow>> {
  assertCanReadVisits(requireViewer(ctx));
  const conds: SQL[] = [];
  if (filter?.status) conds.push(eq(receptionVisits.status, filter.status as VisitStatusName));
  if (filter?.businessType) conds.push(eq(receptionVisits.businessType, filter.businessType as BusinessTypeName));
  if (filter?.channel) conds.push(eq(receptionVisits.channel, filter.channel as ChannelName));
  if (filter?.customerId) conds.push(eq(receptionVisits.customerId, filter.customerId));
  if (filter?.calledById) conds.push(eq(receptionVisits.calledById, filter.calledById));
  if (filter?.serviceDay) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(filter.serviceDay)) throw badInput("serviceDay is written YYYY-MM-DD.", ["filterBy", "serviceDay"]);
    conds.push(eq(receptionVisits.serviceDay, filter.serviceDay));
  }
  return paginateTable({
    exec: ctx.database,
    table: receptionVisits,
    filters: conds,
    orderBy: receptionVisits.takenAt,
    direction: "asc",
    args,
    reads,
  });
}

/** The live queue view: per business type, how many wait and how long the longest has waited. */
export async function queueView(ctx: Context) {
  assertCanReadVisits(requireViewer(ctx));
  return queueLines(ctx.database.db, ctx.clock.now());
}

/** The waiting queue per business type at `now`: one grouped statement. */
export async function queueLines(db: Executor, now: Date) {
  const rows = await db
    .select({
      businessType: receptionVisits.businessType,
      waiting: sql<number>`count(*)::int`,
      priority: sql<number>`count(${receptionVisits.priorityGroup})::int`,
      longest: sql<number>`greatest(0, round(extract(epoch from (${now.toISOString()}::timestamptz - min(${receptionVisits.takenAt})))))::int`,
      oldestTicket: sql<string>`(array_agg(${receptionVisits.ticketNumber} order by ${receptionVisits.takenAt}, ${receptionVisits.id}))[1]`,
    })
    .from(receptionVisits)
    .where(eq(receptionVisits.status, "WAITING"))
    .groupBy(receptionVisits.businessType);
  const byType = new Map(rows.map((r) => [r.businessType, r]));
  return BUSINESS_TYPES.map((t) => {
    const r = byType.get(t);
    return {
      businessType: t,
      waitingCount: Number(r?.waiting ?? 0),
      priorityWaitingCount: Number(r?.priority ?? 0),
      longestWaitSeconds: Number(r?.longest ?? 0),
      longestWaitingTicket: r?.oldestTicket ?? null,
    };
  });
}

export async function exceptionsOf(ctx: Context, visitId: string): Promise<VisitExceptionRow[]> {
  return ctx.loaders
    .named<string, VisitExceptionRow[]>("reception.exceptions", async (ids) => {
      const all = await ctx.database.db
        .select()
        .from(receptionExceptions)
        .where(
          sql`${receptionExceptions.visitId} in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )
        .orderBy(asc(receptionExceptions.occurredAt), asc(receptionExceptions.id));
      return ids.map((i) => all.filter((r) => r.visitId === i));
    })
    .load(visitId);
}

export async function listExceptions(
  ctx: Context,
  filter: VisitExceptionFilter | null | undefined,
  args: ConnectionArgs,
): Promise<ConnectionShape<VisitExceptionRow>> {
  assertCanReadVisits(requireViewer(ctx));
  const conds: SQL[] = [];
  if (filter?.kind) conds.push(eq(receptionExceptions.kind, filter.kind as ExceptionKindName));
  if (filter?.visitId) conds.push(eq(receptionExceptions.visitId, filter.visitId));
  if (filter?.escalated != null) conds.push(filter.escalated ? isNotNull(receptionExceptions.linkedId) : isNull(receptionExceptions.linkedId));
  return paginateTable({
    exec: ctx.database,
    table: receptionExceptions,
    filters: conds,
    orderBy: receptionExceptions.occurredAt,
    direction: "desc",
    args,
  });
}
