import { type SQL, and, eq, inArray } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, forbidden, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";
import { type ConnectionArgs, paginateTable } from "../../shared/connection";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { lockById } from "../../shared/rows";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { staff } from "../organisation";
import type {
  EquipmentScrapApproveInput,
  EquipmentScrapRejectInput,
  EquipmentScrapRequestInput,
  EquipmentScrapDisposeInput,
  ScrapFilter,
  EquipmentScrapRecordWipeInput,
} from "./procurement.inputs";
import { READ_SCRAP, assertCan, canApproveScrap, canManageEquipment, canRecordWipe } from "./equipment.policy";
import { type ScrapStatusName, scrapLifecycle } from "./equipment.states";
import { notInFuture } from "./equipment.values";
import { type ScrapRequestRow, scrapRequests } from "./procurement.table";
import { lockEquipment, moveEquipment } from "./register.service";

const lockScrap = (m: MutationScope, id: string) => lockById(m.tx, scrapRequests, id, "The scrapping request", ["scrapRequestId"]);

async function save(
  m: MutationScope,
  before: ScrapRequestRow,
  to: ScrapStatusName | null,
  set: Partial<ScrapRequestRow>,
  summary: Record<string, unknown> = {},
) {
  if (to) scrapLifecycle.assert(before.status, to);
  const [row] = await m.tx
    .update(scrapRequests)
    .set({ ...set, ...(to ? { status: to } : {}), updatedAt: m.now })
    .where(eq(scrapRequests.id, before.id))
    .returning();
  m.audit({ targetType: "ScrapRequest", targetId: row.id, summary: { before: { status: before.status }, after: { status: row.status }, ...summary } });
  return { scrapRequest: row };
}

function makerChecker(viewer: Viewer, row: ScrapRequestRow): void {
  if (row.requestedById === viewer.id)
    throw new DomainError(ErrorCode.MAKER_CHECKER, "A second person decides on a scrapping request, not its requester.", ["scrapRequestId"]);
}

export function requestScrap(ctx: Context, input: EquipmentScrapRequestInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "requesting scrapping (equipment administrator)");
  return runMutation(ctx, { action: "equipment.scrapRequest", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 2000);
    const device = await lockEquipment(m.tx, input.equipmentId);
    if (device.status === "SCRAPPED") throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, "The equipment is already SCRAPPED.", ["equipmentId"]);
    const [open] = await m.tx
      .select({ id: scrapRequests.id })
      .from(scrapRequests)
      .where(and(eq(scrapRequests.equipmentId, device.id), inArray(scrapRequests.status, ["REQUESTED", "APPROVED"])));
    if (open) throw new DomainError(ErrorCode.DUPLICATE, `The equipment already has an open scrapping request (${open.id}).`, ["equipmentId"]);
    const [row] = await m.tx
      .insert(scrapRequests)
      .values({ id: newId("eqscr"), equipmentId: device.id, reason, status: "REQUESTED", requestedById: m.actorId, requestedAt: m.now, updatedAt: m.now })
      .returning();
    m.audit({ targetType: "ScrapRequest", targetId: row.id, summary: { equipmentId: device.id, holdsData: device.holdsData } });
    return { scrapRequest: row };
  });
}

export function approveScrap(ctx: Context, input: EquipmentScrapApproveInput) {
  const viewer = requireViewer(ctx);
  assertCan(canApproveScrap(viewer), "approving scrapping (equipment administrator, supervisor or finance approver)");
  return runMutation(ctx, { action: "equipment.scrapApprove", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await lockScrap(m, input.scrapRequestId);
    makerChecker(viewer, before);
    return save(m, before, "APPROVED", { decidedById: viewer.id, decidedAt: m.now });
  });
}

export function rejectScrap(ctx: Context, input: EquipmentScrapRejectInput) {
  const viewer = requireViewer(ctx);
  assertCan(canApproveScrap(viewer), "rejecting scrapping (equipment administrator, supervisor or finance approver)");
  return runMutation(ctx, { action: "equipment.scrapReject", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 1000);
    const before = await lockScrap(m, input.scrapRequestId);
    makerChecker(viewer, before);
    return save(m, before, "REJECTED", { decidedById: viewer.id, decidedAt: m.now, rejectedReason: reason });
  });
}

/** The data wipe (chapter 10.4, chapter 11): who (the signed-in member), how, when, and a different member as witness. */
export function recordWipe(ctx: Context, input: EquipmentScrapRecordWipeInput) {
  const viewer = requireViewer(ctx);
  assertCan(canRecordWipe(viewer), "recording a data wipe (equipment administrator or security officer)");
  return runMutation(ctx, { action: "equipment.scrapRecordWipe", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const method = text(input.method, "method", 1, 500);
    const wipedAt = notInFuture(input.wipedAt, m.now, "wipedAt");
    if (input.witnessId === viewer.id) throw badInput("The witness is someone other than the member who wiped the data.", ["witnessId"]);
    const [witness] = await m.tx.select({ id: staff.id, active: staff.active }).from(staff).where(eq(staff.id, input.witnessId));
    if (!witness || !witness.active) throw notFound("The witness", ["witnessId"]);
    const before = await lockScrap(m, input.scrapRequestId);
    if (before.status !== "APPROVED")
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The data is wiped once scrapping is APPROVED; the request is ${before.status}.`, [
        "scrapRequestId",
      ]);
    const equipmentRow = await lockEquipment(m.tx, before.equipmentId, "scrapRequestId");
    if (!equipmentRow.holdsData) throw badInput("This equipment holds no data; it needs no wipe record.", ["scrapRequestId"]);
    if (before.wipedAt) throw new DomainError(ErrorCode.CONFLICT, "The data wipe was already recorded.", ["scrapRequestId"]);
    if (wipedAt < before.decidedAt!) throw badInput("wipedAt is before the scrapping was approved.", ["wipedAt"]);
    return save(m, before, null, { wipeMethod: method, wipedById: viewer.id, wipedAt, wipeWitnessId: witness.id, wipeRecordedAt: m.now }, { wiped: true });
  });
}

/** Disposal: refused for a device that holds data until its wipe is recorded; the device is then SCRAPPED. */
export function disposeScrap(ctx: Context, input: EquipmentScrapDisposeInput) {
  assertCan(canManageEquipment(requireViewer(ctx)), "disposing of equipment (equipment administrator)");
  return runMutation(ctx, { action: "equipment.scrapDispose", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const disposalMethod = text(input.disposalMethod, "disposalMethod", 1, 500);
    const before = await lockScrap(m, input.scrapRequestId);
    scrapLifecycle.assert(before.status, "DISPOSED");
    const device = await lockEquipment(m.tx, before.equipmentId, "scrapRequestId");
    if (device.holdsData && !before.wipedAt)
      throw new DomainError("DATA_WIPE_REQUIRED", "This equipment holds data: record its data wipe (method, who, when, witness) before disposal.", [
        "scrapRequestId",
      ]);
    await moveEquipment(m, device, "SCRAPPED", { scrappedAt: m.now, nextMaintenanceDueAt: null, overdueFlaggedAt: null });
    return save(m, before, "DISPOSED", { disposalMethod, disposedById: m.actorId, disposedAt: m.now }, { equipmentId: device.id });
  });
}

export function listScrap(ctx: Context, filter: ScrapFilter | null | undefined, direction: "asc" | "desc", args: ConnectionArgs) {
  const viewer = requireViewer(ctx);
  if (!READ_SCRAP.includes(viewer.position)) throw forbidden("reading scrapping requests").toGraphQLError();
  const conds: SQL[] = [];
  if (filter?.status) conds.push(eq(scrapRequests.status, filter.status as ScrapStatusName));
  if (filter?.equipmentId) conds.push(eq(scrapRequests.equipmentId, filter.equipmentId));
  return paginateTable({ exec: ctx.database, table: scrapRequests, filters: conds, orderBy: scrapRequests.requestedAt, direction, args });
}
