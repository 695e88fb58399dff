import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Context } from "../../server/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../shared/errors";
import { newId } from "../../shared/ids";
import { runMutation } from "../../shared/mutation";
import { StateMachine } from "../../shared/state-machine";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { linkStaffToCustomer } from "../customers/customer.links";
import { customers } from "../customers/customer.table";
import type {
  ReceptionAbandonInput,
  ReceptionCallNextInput,
  ReceptionUpdateChecklistInput,
  ReceptionCompleteInput,
  ReceptionStartServiceInput,
  ReceptionTakeTicketInput,
  ReceptionTransferInput,
} from "./reception.inputs";
import { assertCanActOnVisit, assertCanServe } from "./reception.policy";
import {
  BUSINESS_TYPES,
  CHANNELS,
  PRIORITY_GROUPS,
  TICKET_PREFIX,
  type BusinessTypeName,
  type ChannelName,
  type PriorityGroupName,
  type VisitRow,
  type VisitStatusName,
  receptionTicketCounters,
  receptionVisits,
} from "./reception.table";

export const visitLifecycle = new StateMachine<VisitStatusName>("Visit", {
  WAITING: ["CALLED", "ABANDONED", "TRANSFERRED"],
  CALLED: ["SERVING", "ABANDONED", "TRANSFERRED"],
  SERVING: ["COMPLETED", "TRANSFERRED"],
  COMPLETED: [],
  ABANDONED: [],
  TRANSFERRED: [],
});

/** Business types whose handling needs the customer's identity checked, and those that need risk disclosure. */
const NEEDS_IDENTITY = new Set<BusinessTypeName>(["ACCOUNT", "DEPOSIT", "LOAN", "CARD", "PRECIOUS_METALS"]);
const NEEDS_RISK_DISCLOSURE = new Set<BusinessTypeName>(["LOAN", "PRECIOUS_METALS"]);

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}

/** The branch's service day: tickets restart every day in China time (UTC+8, no daylight saving). */
export function serviceDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function nextTicketNumber(tx: Tx, day: string, businessType: BusinessTypeName): Promise<string> {
  const prefix = TICKET_PREFIX[businessType];
  const [row] = await tx
    .insert(receptionTicketCounters)
    .values({ serviceDay: day, prefix, last: 1 })
    .onConflictDoUpdate({ target: [receptionTicketCounters.serviceDay, receptionTicketCounters.prefix], set: { last: sql`${receptionTicketCounters.last} + 1` } })
    .returning({ last: receptionTicketCounters.last });
  return `${prefix}${String(row.last).padStart(3, "0")}`;
}

async function loadVisitForUpdate(tx: Tx, visitId: string): Promise<VisitRow> {
  const [row] = await tx.select().from(receptionVisits).where(eq(receptionVisits.id, visitId)).for("update");
  if (!row) throw notFound("The visit", ["visitId"]);
  return row;
}

async function customerExists(tx: Tx, customerId: string): Promise<void> {
  const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!c) throw notFound("The customer", ["customerId"]);
}

export function takeTicket(ctx: Context, input: ReceptionTakeTicketInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.takeTicket", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const channel = oneOf(CHANNELS, input.channel, "channel") as ChannelName;
    const businessType = oneOf(BUSINESS_TYPES, input.businessType, "businessType") as BusinessTypeName;
    const priorityGroup = input.priorityGroup ? (oneOf(PRIORITY_GROUPS, input.priorityGroup, "priorityGroup") as PriorityGroupName) : null;
    const priorityNote = optionalText(input.priorityNote, "priorityNote", 200);
    if (priorityNote && !priorityGroup) throw badInput("priorityNote needs a priorityGroup.", ["priorityNote"]);
    if (input.customerId) await customerExists(m.tx, input.customerId);
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
    m.audit({ targetType: "Visit", targetId: row.id, summary: { before: { status: "WAITING" }, after: { status: "CALLED", counter }, priorityGroup: row.priorityGroup } });
    return { visit: row };
  });
}

export function startService(ctx: Context, input: ReceptionStartServiceInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.startService", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    assertCanActOnVisit(viewer, before);
    visitLifecycle.assert(before.status, "SERVING");
    let customerId = before.customerId;
    if (input.customerId) {
      if (customerId && customerId !== input.customerId) throw new DomainError(ErrorCode.CONFLICT, "The visit already belongs to another customer.", ["customerId"]);
      await customerExists(m.tx, input.customerId);
      customerId = input.customerId;
    }
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "SERVING", servingStartedAt: m.now, customerId, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
    // Serving a customer brings them into the representative's scope (see customer.policy).
    if (customerId) await linkStaffToCustomer(m.tx, customerId, m.actorId, m.now);
    m.audit({ targetType: "Visit", targetId: row.id, summary: { before: { status: before.status }, after: { status: "SERVING", customerId } } });
    return { visit: row };
  });
}

export function updateChecklist(ctx: Context, input: ReceptionUpdateChecklistInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.updateChecklist", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const set: Partial<VisitRow> = {};
    for (const k of ["identityVerified", "needConfirmed", "riskDisclosed", "satisfactionAsked"] as const) {
      if (input[k] != null) set[k] = input[k]!;
    }
    if (Object.keys(set).length === 0) throw badInput("Tick or untick at least one checklist item.", null);
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    assertCanActOnVisit(viewer, before);
    if (before.status !== "SERVING") {
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The checklist is kept while the visit is SERVING; it is ${before.status}.`, ["visitId"], { currentState: before.status });
    }
    const [row] = await m.tx.update(receptionVisits).set({ ...set, updatedAt: m.now }).where(eq(receptionVisits.id, before.id)).returning();
    m.audit({ targetType: "Visit", targetId: row.id, summary: { checklist: set } });
    return { visit: row };
  });
}

function missingChecklist(v: VisitRow): string[] {
  const missing: string[] = [];
  if (NEEDS_IDENTITY.has(v.businessType) && !v.identityVerified) missing.push("identityVerified");
  if (!v.needConfirmed) missing.push("needConfirmed");
  if (NEEDS_RISK_DISCLOSURE.has(v.businessType) && !v.riskDisclosed) missing.push("riskDisclosed");
  if (!v.satisfactionAsked) missing.push("satisfactionAsked");
  return missing;
}

export function completeVisit(ctx: Context, input: ReceptionCompleteInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.complete", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const rating = input.satisfactionRating ?? null;
    if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) throw badInput("satisfactionRating is 1 to 5.", ["satisfactionRating"]);
    const note = optionalText(input.note, "note", 500);
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    assertCanActOnVisit(viewer, before);
    visitLifecycle.assert(before.status, "COMPLETED");
    const missing = missingChecklist(before);
    if (missing.length > 0) {
      throw new DomainError("CHECKLIST_INCOMPLETE", `The service checklist is incomplete for ${before.businessType}: ${missing.join(", ")}.`, ["checklist", ...missing]);
    }
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "COMPLETED", completedAt: m.now, satisfactionRating: rating, closingNote: note, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
    m.audit({ targetType: "Visit", targetId: row.id, summary: { before: { status: before.status }, after: { status: "COMPLETED", satisfactionRating: rating } } });
    return { visit: row };
  });
}

export function abandonVisit(ctx: Context, input: ReceptionAbandonInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.abandon", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    assertCanActOnVisit(viewer, before);
    visitLifecycle.assert(before.status, "ABANDONED");
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "ABANDONED", abandonedAt: m.now, closingNote: reason, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
    m.audit({ targetType: "Visit", targetId: row.id, summary: { before: { status: before.status }, after: { status: "ABANDONED" }, reason } });
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
    m.audit({ targetType: "Visit", targetId: row.id, summary: { before: { status: before.status, businessType: before.businessType }, after: { status: "TRANSFERRED", newVisit: created.id, businessType }, reason } });
    return { visit: row, newVisit: created };
  });
}

