import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Context } from "../../core/context";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { assertInReach } from "../accounts";
import { receptionVisits } from "../reception";
import type { ServiceRequestCompleteInput, ServiceRequestRefuseInput, ServiceRequestStartInput, ServiceRequestSubmitInput } from "./service.inputs";
import { assertServicePolicy, canHandleType, canReadRequests, canSubmitRequests } from "./service.policy";
import { OPEN_STATUSES, serviceRequestStates } from "./service.states";
import { type ServiceRequestStatusName, serviceRequestTypes, serviceRequests } from "./service.table";

export const ServiceError = {
  REQUIRED_FIELD_MISSING: "REQUIRED_FIELD_MISSING",
  UNKNOWN_FIELD: "UNKNOWN_FIELD",
  TYPE_INACTIVE: "REQUEST_TYPE_INACTIVE",
  VISIT_MISMATCH: "VISIT_MISMATCH",
  WRONG_POSITION: "WRONG_POSITION",
} as const;

const MAX_FIELD_VALUE = 500;

/** The fields given, checked against the type's lists: every required one present and non-blank, no unknown or repeated one. */
function checkFields(given: { name: string; value: string }[], required: string[], optional: string[]): Record<string, string> {
  const known = new Set([...required, ...optional]);
  const out: Record<string, string> = {};
  given.forEach((f, i) => {
    const name = (f.name ?? "").trim();
    if (!known.has(name)) {
      throw new DomainError(ServiceError.UNKNOWN_FIELD, `This request type has no field "${name.slice(0, 50)}"; its fields are ${[...known].join(", ")}.`, [
        "fields",
        String(i),
        "name",
      ]);
    }
    if (name in out) throw new DomainError(ServiceError.UNKNOWN_FIELD, `The field ${name} is given twice.`, ["fields", String(i), "name"]);
    const value = optionalText(f.value, `fields.${name}`, MAX_FIELD_VALUE);
    if (value !== null) out[name] = value;
  });
  const missing = required.filter((n) => !(n in out));
  if (missing.length > 0) {
    throw new DomainError(ServiceError.REQUIRED_FIELD_MISSING, `This request type needs ${missing.join(", ")}.`, ["fields", missing[0]], { missing });
  }
  return out;
}

export function submitRequest(ctx: Context, input: ServiceRequestSubmitInput) {
  const v = requireViewer(ctx);
  assertServicePolicy(canSubmitRequests(v), "submitting service requests (counter staff of customer service)");
  return runMutation(ctx, { action: "serviceRequest.submit", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [type] = await m.tx
      .select()
      .from(serviceRequestTypes)
      .where(eq(serviceRequestTypes.code, (input.typeCode ?? "").trim().toUpperCase()));
    if (!type) throw notFound("The request type", ["typeCode"]);
    if (!type.active) throw new DomainError(ServiceError.TYPE_INACTIVE, "This request type is no longer offered.", ["typeCode"]);
    await assertInReach(m.tx, v, input.customerId, "The customer", ["customerId"]);
    const fields = checkFields(input.fields ?? [], type.requiredFields, type.optionalFields);
    let visitId: string | null = null;
    if (input.visitId) {
      const [visit] = await m.tx.select().from(receptionVisits).where(eq(receptionVisits.id, input.visitId));
      if (!visit) throw notFound("The visit", ["visitId"]);
      if (visit.customerId !== input.customerId) throw new DomainError(ServiceError.VISIT_MISMATCH, "The visit is not this customer's.", ["visitId"]);
      visitId = visit.id;
    } else {
      // Raised at the counter: linked to the visit at which the actor is serving this customer now.
      const [serving] = await m.tx
        .select({ id: receptionVisits.id })
        .from(receptionVisits)
        .where(and(eq(receptionVisits.customerId, input.customerId), eq(receptionVisits.calledById, m.actorId), eq(receptionVisits.status, "SERVING")));
      visitId = serving?.id ?? null;
    }
    const [request] = await m.tx
      .insert(serviceRequests)
      .values({
        id: newId("srq"),
        typeId: type.id,
        customerId: input.customerId,
        visitId,
        fields,
        dueAt: new Date(m.now.getTime() + type.deadlineHours * 3_600_000),
        submittedById: m.actorId,
        submittedAt: m.now,
      })
      .returning();
    // Field values may hold account numbers: the audit keeps the field names only.
    m.audit({ targetType: "ServiceRequest", targetId: request.id, summary: { type: type.code, fields: Object.keys(fields), visitId } });
    return { request };
  });
}

/** Moves a request the actor may see, under a row lock, by the position its type names. */
function advance(
  ctx: Context,
  action: string,
  input: { requestId: string; idempotencyKey?: string | null },
  to: ServiceRequestStatusName,
  extra: () => { refusalReason?: string; resultNote?: string | null },
) {
  const v = requireViewer(ctx);
  assertServicePolicy(canReadRequests(v), "handling service requests (customer-facing staff)");
  return runMutation(ctx, { action, input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const [found] = await m.tx.select().from(serviceRequests).where(eq(serviceRequests.id, input.requestId)).for("update");
    if (!found) throw notFound("The service request", ["requestId"]);
    await assertInReach(m.tx, v, found.customerId, "The service request", ["requestId"]);
    const [type] = await m.tx.select().from(serviceRequestTypes).where(eq(serviceRequestTypes.id, found.typeId));
    if (!canHandleType(v, type)) {
      throw new DomainError(
        ServiceError.WRONG_POSITION,
        `Requests of type ${type.code} are handled by the position ${type.completedByPosition}.`,
        ["requestId"],
        {
          position: type.completedByPosition,
        },
      );
    }
    serviceRequestStates.assert(found.status, to);
    const values = extra();
    const set: Partial<typeof serviceRequests.$inferInsert> =
      to === "IN_PROGRESS" ? { status: to, startedAt: m.now, handlerId: m.actorId } : { status: to, closedAt: m.now, closedById: m.actorId, ...values };
    const [request] = await m.tx.update(serviceRequests).set(set).where(eq(serviceRequests.id, found.id)).returning();
    m.audit({ targetType: "ServiceRequest", targetId: found.id, summary: { type: type.code, from: found.status, to } });
    return { request };
  });
}

export const startRequest = (ctx: Context, input: ServiceRequestStartInput) => advance(ctx, "serviceRequest.start", input, "IN_PROGRESS", () => ({}));

export const completeRequest = (ctx: Context, input: ServiceRequestCompleteInput) =>
  advance(ctx, "serviceRequest.complete", input, "DONE", () => ({ resultNote: optionalText(input.note, "note", 500) }));

export const refuseRequest = (ctx: Context, input: ServiceRequestRefuseInput) =>
  advance(ctx, "serviceRequest.refuse", input, "REFUSED", () => ({ refusalReason: text(input.reason, "reason", 1, 500) }));

/**
 * The overdue watch: flags every open request past its deadline, once. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` so that several instances running the watch never flag the same row twice
 * nor wait on each other; the flag is a single column write, so there is no per-row failure to isolate.
 */
export async function flagOverdueRequests(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(and(inArray(serviceRequests.status, [...OPEN_STATUSES]), isNull(serviceRequests.overdueAt), lt(serviceRequests.dueAt, now)))
      .limit(500)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    await tx
      .update(serviceRequests)
      .set({ overdueAt: now })
      .where(
        inArray(
          serviceRequests.id,
          due.map((r) => r.id),
        ),
      );
    return due.length;
  });
}
