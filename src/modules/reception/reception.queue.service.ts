import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import type { ReceptionCallNextInput, ReceptionTakeTicketInput, ReceptionTransferInput } from "./reception.inputs";
import { assertCanActOnVisit, assertCanServe } from "./reception.policy";
import { customerExists, loadVisitForUpdate, nextTicketNumber, oneOf, serviceDayOf, visitLifecycle } from "./reception.rules";
import { BUSINESS_TYPES, CHANNELS, PRIORITY_GROUPS, type BusinessTypeName, type ChannelName, type PriorityGroupName, receptionVisits } from "./reception.table";

export function takeTicket(ctx: Context, input: ReceptionTakeTicketInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.takeTicket", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const channel = oneOf(CHANNELS, input.channel, "channel") as ChannelName;
    const businessType = oneOf(BUSINESS_TYPES, input.businessType, "businessType") as BusinessTypeName;
    const priorityGroup = input.priorityGroup ? (oneOf(PRIORITY_GROUPS, input.priorityGroup, "priorityGroup") as PriorityGroupName) : null;
    const priorityNote = optionalText(input.priorityNote, "priorityNote", 200);
    if (priorityNote && !priorityGroup) throw badInput("priorityNote needs a priorityGroup.", ["priorityNote"]);
    if (input.customerId != null) await customerExists(m.tx, input.customerId);
    const serviceDay = serviceDayOf(m.now);
    const ticketNumber = await nextTicketNumber(m.tx, serviceDay, businessType);
    const [row] = await m.tx
      .insert(receptionVisits)
      .values({
        id: newId("vis"),
        ticketNumber,
        serviceDay,
        channel,
        businessType,
        customerId: input.customerId ?? null,
        priorityGroup,
        priorityNote,
        priorityGrantedById: priorityGroup ? m.actorId : null,
        status: "WAITING",
        queuedAt: m.now,
        takenAt: m.now,
        createdById: m.actorId,
        updatedAt: m.now,
      })
      .returning();
    m.audit({ targetType: "Visit", targetId: row.id, summary: { after: { ticketNumber, channel, businessType, priorityGroup, customerId: row.customerId } } });
    return { visit: row };
  });
}

/**
 * Gives the representative the right next ticket: priority groups first, then the earliest place in
 * the queue. `FOR UPDATE SKIP LOCKED` lets two representatives calling at the same moment each take
 * a different ticket without waiting for each other; a representative holds one open visit at a time.
 */
export function callNext(ctx: Context, input: ReceptionCallNextInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.callNext", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!input.businessTypes || input.businessTypes.length === 0) throw badInput("Name at least one business type your counter handles.", ["businessTypes"]);
    const types = [...new Set(input.businessTypes.map((t, i) => oneOf(BUSINESS_TYPES, t, `businessTypes.${i}`) as BusinessTypeName))];
    const counter = text(input.counter, "counter", 1, 50);
    await m.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reception:${m.actorId}`}))`);
    const [open] = await m.tx
      .select({ ticketNumber: receptionVisits.ticketNumber })
      .from(receptionVisits)
      .where(and(eq(receptionVisits.calledById, m.actorId), inArray(receptionVisits.status, ["CALLED", "SERVING"])))
      .limit(1);
    if (open) throw new DomainError(ErrorCode.CONFLICT, `You still have ticket ${open.ticketNumber} open: complete, transfer or abandon it first.`, null);
    const [next] = await m.tx
      .select()
      .from(receptionVisits)
      .where(and(eq(receptionVisits.status, "WAITING"), inArray(receptionVisits.businessType, types)))
      .orderBy(sql`(${receptionVisits.priorityGroup} is null)`, asc(receptionVisits.queuedAt), asc(receptionVisits.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) throw new DomainError("QUEUE_EMPTY", "No ticket of these business types is waiting.", ["businessTypes"]);
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "CALLED", calledAt: m.now, calledById: m.actorId, counter, updatedAt: m.now })
      .where(eq(receptionVisits.id, next.id))
      .returning();
    m.audit({
      targetType: "Visit",
      targetId: row.id,
      summary: { before: { status: "WAITING" }, after: { status: "CALLED", counter }, priorityGroup: row.priorityGroup },
    });
    return { visit: row };
  });
}

export function transferVisit(ctx: Context, input: ReceptionTransferInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.transfer", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    const businessType = input.businessType ? (oneOf(BUSINESS_TYPES, input.businessType, "businessType") as BusinessTypeName) : before.businessType;
    assertCanActOnVisit(viewer, before);
    visitLifecycle.assert(before.status, "TRANSFERRED");
    if (before.status === "WAITING" && businessType === before.businessType) {
      throw badInput("A waiting ticket is transferred to another business type; it is already in this queue.", ["businessType"]);
    }
    const serviceDay = serviceDayOf(m.now);
    const [created] = await m.tx
      .insert(receptionVisits)
      .values({
        id: newId("vis"),
        ticketNumber: await nextTicketNumber(m.tx, serviceDay, businessType),
        serviceDay,
        channel: before.channel,
        businessType,
        customerId: before.customerId,
        priorityGroup: before.priorityGroup,
        priorityNote: before.priorityNote,
        priorityGrantedById: before.priorityGrantedById,
        status: "WAITING",
        // The customer keeps their place: the new ticket queues at the original time.
        queuedAt: before.queuedAt,
        takenAt: m.now,
        transferredFromId: before.id,
        createdById: m.actorId,
        updatedAt: m.now,
      })
      .returning();
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "TRANSFERRED", transferredAt: m.now, transferredToId: created.id, closingNote: reason, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
    m.audit({
      targetType: "Visit",
      targetId: row.id,
      summary: {
        before: { status: before.status, businessType: before.businessType },
        after: { status: "TRANSFERRED", newVisit: created.id, businessType },
        reason,
      },
    });
    return { visit: row, newVisit: created };
  });
}
