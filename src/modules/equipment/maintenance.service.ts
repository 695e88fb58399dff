import { type SQL, and, eq, gte, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { DowntimeGrouping, type EquipmentMaintenanceRecordInput } from "./equipment.inputs";
import { assertCan, canManageEquipment } from "./equipment.policy";
import { MAINTENANCE_KINDS, type EquipmentStatusName } from "./equipment.states";
import { equipment, equipmentFaults, maintenanceRecords } from "./equipment.table";
import { DAY_MS, notInFuture, oneOfValues, parseCost, wholeNumber } from "./equipment.values";
import { lockEquipment, moveEquipment, nextDue } from "./register.service";

const MAX_DOWNTIME_MINUTES = 366 * 24 * 60;

/**
 * A maintenance record (chapter 10.2). Scheduled maintenance restarts the plan interval and clears the
 * overdue flag; a corrective one naming the open fault repairs it. Either returns a device that was
 * under maintenance or repaired to service; a faulty device without its fault repaired stays faulty.
 */
export function recordMaintenance(ctx: Context, input: EquipmentMaintenanceRecordInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "recording maintenance (equipment administrator)");
  return runMutation(ctx, { action: "equipment.maintenanceRecord", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const kind = oneOfValues(MAINTENANCE_KINDS, input.kind, "kind");
    const performedAt = notInFuture(input.performedAt, m.now, "performedAt");
    const work = text(input.work, "work", 1, 2000);
    const partsIn = input.parts ?? [];
    if (partsIn.length > 50) throw badInput("At most 50 parts.", ["parts"]);
    const parts = partsIn.map((p, i) => text(p, `parts.${i}`, 1, 200));
    const costFen = parseCost(input.cost, "cost");
    if (input.faultId && kind !== "CORRECTIVE") throw badInput("Only corrective maintenance repairs a fault.", ["faultId"]);
    const before = await lockEquipment(m.tx, input.equipmentId);
    if (before.status === "SCRAPPED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The equipment is SCRAPPED.", ["equipmentId"]);
    if (performedAt < before.purchaseDate) throw badInput("performedAt is before the equipment was purchased.", ["performedAt"]);
    let fault = null;
    if (input.faultId) {
      [fault] = await m.tx.select().from(equipmentFaults).where(eq(equipmentFaults.id, input.faultId)).for("update");
      if (!fault || fault.equipmentId !== before.id) throw notFound("The fault", ["faultId"]);
      if (fault.status !== "OPEN") throw new DomainError(ErrorCode.CONFLICT, "The fault was already repaired.", ["faultId"]);
      if (performedAt < fault.reportedAt) throw badInput("performedAt is before the fault was reported.", ["performedAt"]);
    }
    // A repair's downtime defaults to the whole minutes from the report to the repair (rounded down).
    const downtimeMinutes =
      input.downtimeMinutes != null
        ? wholeNumber(input.downtimeMinutes, "downtimeMinutes", 0, MAX_DOWNTIME_MINUTES)
        : fault
          ? Math.floor((performedAt.getTime() - fault.reportedAt.getTime()) / 60_000)
          : 0;
    const [record] = await m.tx
      .insert(maintenanceRecords)
      .values({
        id: newId("eqmr"),
        equipmentId: before.id,
        kind,
        performedAt,
        performedById: m.actorId,
        work,
        parts,
        costFen,
        downtimeMinutes,
        faultId: fault?.id ?? null,
        recordedAt: m.now,
      })
      .returning();
    if (fault) {
      await m.tx
        .update(equipmentFaults)
        .set({ status: "REPAIRED", repairedAt: performedAt, repairRecordId: record.id })
        .where(eq(equipmentFaults.id, fault.id));
    }
    const scheduled = kind === "SCHEDULED" && performedAt > before.lastMaintainedAt;
    const last = scheduled ? performedAt : before.lastMaintainedAt;
    const to: EquipmentStatusName = before.status === "FAULTY" && !fault ? "FAULTY" : "IN_SERVICE";
    const row = await moveEquipment(
      m,
      before,
      to,
      scheduled ? { lastMaintainedAt: last, nextMaintenanceDueAt: await nextDue(m.tx, before.type, last), overdueFlaggedAt: null } : {},
    );
    m.audit({
      targetType: "Equipment",
      targetId: row.id,
      summary: { recordId: record.id, kind, faultId: fault?.id ?? null, downtimeMinutes, before: { status: before.status }, after: { status: row.status } },
    });
    return { record, equipment: row };
  });
}

/** Devices whose scheduled maintenance falls due within `withinDays` (or is overdue), soonest first. */
export function maintenanceDue(ctx: Context, withinDays: number, args: ConnectionArgs) {
  requireViewer(ctx);
  const days = wholeNumber(withinDays, "withinDays", 0, 730);
  const until = new Date(ctx.clock.now().getTime() + days * DAY_MS);
  return paginateTable({
    exec: ctx.database,
    table: equipment,
    filters: [ne(equipment.status, "SCRAPPED"), isNotNull(equipment.nextMaintenanceDueAt), lte(equipment.nextMaintenanceDueAt, until)],
    orderBy: equipment.nextMaintenanceDueAt,
    direction: "asc",
    args,
  });
}

export interface DowntimeLine {
  equipmentId: string | null;
  site: string;
  minutes: number;
  records: number;
}

/** Downtime from the maintenance records performed in [from, to), per device or per site, most first. */
export async function downtime(ctx: Context, from: Date, to: Date, groupBy: DowntimeGrouping, site: string | null | undefined): Promise<DowntimeLine[]> {
  requireViewer(ctx);
  if (!(from < to)) throw badInput("from must be before to.", ["from"]);
  if (to.getTime() - from.getTime() > 3660 * DAY_MS) throw badInput("The period is at most ten years.", ["to"]);
  const conds: SQL[] = [gte(maintenanceRecords.performedAt, from), lt(maintenanceRecords.performedAt, to)];
  if (site) conds.push(eq(equipment.site, site));
  const minutes = sql<number>`coalesce(sum(${maintenanceRecords.downtimeMinutes}), 0)::int`.mapWith(Number);
  const records = sql<number>`count(*)::int`.mapWith(Number);
  if (groupBy === DowntimeGrouping.DEVICE) {
    const rows = await ctx.database.db
      .select({ equipmentId: equipment.id, site: equipment.site, minutes, records })
      .from(maintenanceRecords)
      .innerJoin(equipment, eq(equipment.id, maintenanceRecords.equipmentId))
      .where(and(...conds))
      .groupBy(equipment.id, equipment.site)
      .orderBy(sql`3 desc`, equipment.id)
      .limit(1000);
    return rows;
  }
  const rows = await ctx.database.db
    .select({ site: equipment.site, minutes, records })
    .from(maintenanceRecords)
    .innerJoin(equipment, eq(equipment.id, maintenanceRecords.equipmentId))
    .where(and(...conds))
    .groupBy(equipment.site)
    .orderBy(sql`2 desc`, equipment.site)
    .limit(1000);
  return rows.map((r) => ({ equipmentId: null, ...r }));
}
