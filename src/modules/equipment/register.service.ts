import { and, eq, ne, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Executor } from "../../db/client";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { parseAmount } from "../accounts";
import { departments } from "../organisation";
import type { EquipmentMaintenanceBeginInput, EquipmentRegisterInput, MaintenancePlanSetInput } from "./equipment.inputs";
import { assertCan, canManageEquipment } from "./equipment.policy";
import { EQUIPMENT_TYPES, type EquipmentStatusName, type EquipmentTypeName, equipmentLifecycle } from "./equipment.states";
import { type EquipmentRow, equipment, maintenancePlans } from "./equipment.table";
import { addDays, notInFuture, oneOfValues, wholeNumber } from "./equipment.values";
import { procurementReceipts, procurementRequests } from "./procurement.table";

export const lockEquipment = (tx: Executor, id: string, field = "equipmentId") => lockById(tx, equipment, id, "The equipment", [field]);

/** The next scheduled maintenance: a plan interval after the last one (or commissioning); none without a plan. */
export async function nextDue(exec: Executor, type: EquipmentTypeName, last: Date): Promise<Date | null> {
  const [plan] = await exec.select().from(maintenancePlans).where(eq(maintenancePlans.equipmentType, type));
  return plan ? addDays(last, plan.intervalDays) : null;
}

/** Moves a device along its lifecycle (refused naming the allowed next states) and stamps the change. */
export async function moveEquipment(m: MutationScope, row: EquipmentRow, to: EquipmentStatusName, set: Partial<EquipmentRow> = {}): Promise<EquipmentRow> {
  if (row.status !== to) equipmentLifecycle.assert(row.status, to);
  const [saved] = await m.tx
    .update(equipment)
    .set({ ...set, status: to, updatedAt: m.now })
    .where(eq(equipment.id, row.id))
    .returning();
  return saved;
}

export function registerEquipment(ctx: Context, input: EquipmentRegisterInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "registering equipment (equipment administrator)");
  return runMutation(ctx, { action: "equipment.register", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const assetNumber = text(input.assetNumber, "assetNumber", 1, 50);
    const type = oneOfValues(EQUIPMENT_TYPES, input.type, "type");
    const model = text(input.model, "model", 1, 200);
    const site = text(input.site, "site", 1, 200);
    const price = parseAmount(input.purchasePrice, "purchasePrice");
    let supplier = optionalText(input.supplier, "supplier", 200);
    let purchaseDate = input.purchaseDate ? notInFuture(input.purchaseDate, m.now, "purchaseDate") : null;
    const [dept] = await m.tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!dept) throw notFound("The department", ["departmentId"]);
    let procurementRequestId: string | null = null;
    if (input.procurementRequestId) {
      const request = await lockById(m.tx, procurementRequests, input.procurementRequestId, "The procurement request", ["procurementRequestId"]);
      if (request.registeredQuantity >= request.receivedQuantity)
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Every received item of this request is registered (${request.registeredQuantity} of ${request.receivedQuantity}).`,
          ["procurementRequestId"],
        );
      if (request.equipmentType !== type) throw badInput(`The request bought ${request.equipmentType}, not ${type}.`, ["type"]);
      supplier ??= request.supplier;
      if (!purchaseDate) {
        const [last] = await m.tx
          .select({ at: sql<Date>`max(${procurementReceipts.receivedAt})`.mapWith(procurementReceipts.receivedAt) })
          .from(procurementReceipts)
          .where(eq(procurementReceipts.requestId, request.id));
        purchaseDate = last?.at ?? null;
      }
      await m.tx
        .update(procurementRequests)
        .set({ registeredQuantity: request.registeredQuantity + 1, updatedAt: m.now })
        .where(eq(procurementRequests.id, request.id));
      procurementRequestId = request.id;
    }
    if (!supplier) throw badInput("supplier must not be empty.", ["supplier"]);
    if (!purchaseDate) throw badInput("purchaseDate is required for equipment not received through a procurement request.", ["purchaseDate"]);
    const [row] = await m.tx
      .insert(equipment)
      .values({
        id: newId("eqp"),
        assetNumber,
        type,
        model,
        departmentId: dept.id,
        site,
        supplier,
        purchaseDate,
        purchasePriceFen: price,
        holdsData: input.holdsData,
        status: "IN_SERVICE",
        procurementRequestId,
        lastMaintainedAt: m.now,
        nextMaintenanceDueAt: await nextDue(m.tx, type, m.now),
        registeredById: m.actorId,
        registeredAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "Equipment", targetId: row.id, summary: { after: { assetNumber, type, site, status: row.status, procurementRequestId } } });
    return { equipment: row };
  });
}

export function setPlan(ctx: Context, input: MaintenancePlanSetInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "setting maintenance plans (equipment administrator)");
  return runMutation(ctx, { action: "equipment.planSet", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const type = oneOfValues(EQUIPMENT_TYPES, input.equipmentType, "equipmentType");
    const intervalDays = wholeNumber(input.intervalDays, "intervalDays", 1, 730);
    const checklist = text(input.checklist, "checklist", 1, 2000);
    const [plan] = await m.tx
      .insert(maintenancePlans)
      .values({ id: newId("eqpln"), equipmentType: type, intervalDays, checklist, updatedById: m.actorId, updatedAt: m.now })
      .onConflictDoUpdate({ target: maintenancePlans.equipmentType, set: { intervalDays, checklist, updatedById: m.actorId, updatedAt: m.now } })
      .returning();
    // Every device of the type now falls due an interval after its last scheduled maintenance.
    await m.tx
      .update(equipment)
      .set({ nextMaintenanceDueAt: sql`${equipment.lastMaintainedAt} + make_interval(days => ${intervalDays})`, overdueFlaggedAt: null, updatedAt: m.now })
      .where(and(eq(equipment.type, type), ne(equipment.status, "SCRAPPED")));
    m.audit({ targetType: "MaintenancePlan", targetId: plan.id, summary: { after: { equipmentType: type, intervalDays } } });
    return { plan };
  });
}

export function beginMaintenance(ctx: Context, input: EquipmentMaintenanceBeginInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "maintaining equipment (equipment administrator)");
  return runMutation(ctx, { action: "equipment.maintenanceBegin", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await lockEquipment(m.tx, input.equipmentId);
    if (before.status === "UNDER_MAINTENANCE") equipmentLifecycle.assert(before.status, "UNDER_MAINTENANCE");
    const row = await moveEquipment(m, before, "UNDER_MAINTENANCE");
    m.audit({ targetType: "Equipment", targetId: row.id, summary: { before: { status: before.status }, after: { status: row.status } } });
    return { equipment: row };
  });
}
