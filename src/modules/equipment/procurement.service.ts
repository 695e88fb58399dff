import { type SQL, eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, forbidden } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { parseAmount } from "../accounts";
import type {
  ProcurementApproveInput,
  ProcurementFilter,
  ProcurementOrderInput,
  ProcurementReceiveInput,
  ProcurementRejectInput,
  ProcurementRequestInput,
} from "./procurement.inputs";
import { READ_PROCUREMENT, assertCan, canApproveProcurement, canManageEquipment, canSecondApproveProcurement } from "./equipment.policy";
import { EQUIPMENT_TYPES, type ProcurementStatusName, procurementLifecycle } from "./equipment.states";
import { oneOfValues, wholeNumber } from "./equipment.values";
import { type ProcurementRequestRow, procurementReceipts, procurementRequests } from "./procurement.table";

const lockRequest = (m: MutationScope, id: string) => lockById(m.tx, procurementRequests, id, "The procurement request", ["requestId"]);

async function save(m: MutationScope, before: ProcurementRequestRow, to: ProcurementStatusName, set: Partial<ProcurementRequestRow>) {
  procurementLifecycle.assert(before.status, to);
  const [row] = await m.tx
    .update(procurementRequests)
    .set({ ...set, status: to, updatedAt: m.now })
    .where(eq(procurementRequests.id, before.id))
    .returning();
  m.audit({ targetType: "ProcurementRequest", targetId: row.id, summary: { before: { status: before.status }, after: { status: to } } });
  return { request: row };
}

function makerChecker(viewer: Viewer, row: ProcurementRequestRow): void {
  if (row.requestedById === viewer.id) throw new DomainError(ErrorCode.MAKER_CHECKER, "You cannot decide on a procurement request you made.", ["requestId"]);
}

export function requestProcurement(ctx: Context, input: ProcurementRequestInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "requesting procurement (equipment administrator)");
  return runMutation(ctx, { action: "procurement.request", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const item = text(input.item, "item", 1, 200);
    const equipmentType = oneOfValues(EQUIPMENT_TYPES, input.equipmentType, "equipmentType");
    const quantity = wholeNumber(input.quantity, "quantity", 1, 1000);
    const estimatedCostFen = parseAmount(input.estimatedCost, "estimatedCost");
    const reason = text(input.reason, "reason", 1, 2000);
    const [row] = await m.tx
      .insert(procurementRequests)
      .values({
        id: newId("eqpro"),
        item,
        equipmentType,
        quantity,
        estimatedCostFen,
        reason,
        status: "REQUESTED",
        requestedById: m.actorId,
        requestedAt: m.now,
        needsSecondApproval: estimatedCostFen > ctx.config.procurementSecondApprovalFen,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "ProcurementRequest", targetId: row.id, summary: { after: { item, quantity, estimatedCostFen: String(estimatedCostFen) } } });
    return { request: row };
  });
}

/**
 * Finance approval (chapter 10.3): a finance approver approves; when the estimate is above
 * PROCUREMENT_SECOND_APPROVAL_FEN a second, different approver (finance or head office) approves too.
 * Nobody approves their own request.
 */
export function approveProcurement(ctx: Context, input: ProcurementApproveInput) {
  const viewer = requireViewer(ctx);
  assertCan(canApproveProcurement(viewer) || canSecondApproveProcurement(viewer), "approving procurement (finance approver)");
  return runMutation(ctx, { action: "procurement.approve", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await lockRequest(m, input.requestId);
    makerChecker(viewer, before);
    if (before.status === "AWAITING_SECOND_APPROVAL") {
      if (!canSecondApproveProcurement(viewer)) throw forbidden("the second approval of procurement (finance approver or head-office senior)");
      if (before.firstApproverId === viewer.id)
        throw new DomainError(ErrorCode.MAKER_CHECKER, "The second approval must come from a different approver.", ["requestId"]);
      return save(m, before, "APPROVED", { secondApproverId: viewer.id, secondApprovedAt: m.now });
    }
    if (before.status === "REQUESTED" && !canApproveProcurement(viewer)) throw forbidden("the first approval of procurement (finance approver)");
    return save(m, before, before.needsSecondApproval ? "AWAITING_SECOND_APPROVAL" : "APPROVED", { firstApproverId: viewer.id, firstApprovedAt: m.now });
  });
}

export function rejectProcurement(ctx: Context, input: ProcurementRejectInput) {
  const viewer = requireViewer(ctx);
  assertCan(canApproveProcurement(viewer) || canSecondApproveProcurement(viewer), "rejecting procurement (finance approver)");
  return runMutation(ctx, { action: "procurement.reject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 1000);
    const before = await lockRequest(m, input.requestId);
    makerChecker(viewer, before);
    return save(m, before, "REJECTED", { rejectedById: viewer.id, rejectedReason: reason });
  });
}

export function orderProcurement(ctx: Context, input: ProcurementOrderInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "ordering (equipment administrator)");
  return runMutation(ctx, { action: "procurement.order", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const supplier = text(input.supplier, "supplier", 1, 200);
    const orderReference = text(input.orderReference, "orderReference", 1, 100);
    const before = await lockRequest(m, input.requestId);
    return save(m, before, "ORDERED", { supplier, orderReference, orderedAt: m.now });
  });
}

/** A delivery (partial ones allowed); never more than ordered, checked on the locked row and by the database. */
export function receiveProcurement(ctx: Context, input: ProcurementReceiveInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "receiving deliveries (equipment administrator)");
  return runMutation(ctx, { action: "procurement.receive", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const quantity = wholeNumber(input.quantity, "quantity", 1, 1000);
    const note = optionalText(input.note, "note", 500);
    const before = await lockRequest(m, input.requestId);
    if (before.status !== "ORDERED" && before.status !== "PARTIALLY_RECEIVED") procurementLifecycle.assert(before.status, "PARTIALLY_RECEIVED");
    const outstanding = before.quantity - before.receivedQuantity;
    if (quantity > outstanding)
      throw new DomainError("RECEIPT_EXCEEDS_ORDER", `Only ${outstanding} of the ${before.quantity} ordered are still outstanding; ${quantity} is more.`, [
        "quantity",
      ]);
    await m.tx.insert(procurementReceipts).values({ id: newId("eqrcp"), requestId: before.id, quantity, receivedById: m.actorId, receivedAt: m.now, note });
    const received = before.receivedQuantity + quantity;
    return save(m, before, received === before.quantity ? "RECEIVED" : "PARTIALLY_RECEIVED", { receivedQuantity: received });
  });
}

export function listProcurement(ctx: Context, filter: ProcurementFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  if (!READ_PROCUREMENT.includes(viewer.position)) throw forbidden("reading procurement requests").toGraphQLError();
  const conds: SQL[] = [];
  if (filter?.status) conds.push(eq(procurementRequests.status, filter.status as ProcurementStatusName));
  return paginateTable({ exec: ctx.database, table: procurementRequests, filters: conds, orderBy: procurementRequests.requestedAt, direction, args });
}
