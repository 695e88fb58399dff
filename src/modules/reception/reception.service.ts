import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import { runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { linkStaffToCustomer } from "../customers";
import type { ReceptionAbandonInput, ReceptionCompleteInput, ReceptionStartServiceInput, ReceptionUpdateChecklistInput } from "./reception.inputs";
import { assertCanActOnVisit, assertCanServe } from "./reception.policy";
import { customerExists, loadVisitForUpdate, visitLifecycle } from "./reception.rules";
import { type BusinessTypeName, type VisitRow, receptionVisits } from "./reception.table";

/** Business types whose handling needs the customer's identity checked, and those that need risk disclosure. */
const NEEDS_IDENTITY = new Set<BusinessTypeName>(["ACCOUNT", "DEPOSIT", "LOAN", "CARD", "PRECIOUS_METALS"]);
const NEEDS_RISK_DISCLOSURE = new Set<BusinessTypeName>(["LOAN", "PRECIOUS_METALS"]);

export function startService(ctx: Context, input: ReceptionStartServiceInput) {
  const viewer = requireViewer(ctx);
  assertCanServe(viewer);
  return runMutation(ctx, { action: "reception.startService", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const before = await loadVisitForUpdate(m.tx, input.visitId);
    assertCanActOnVisit(viewer, before);
    visitLifecycle.assert(before.status, "SERVING");
    let customerId = before.customerId;
    if (input.customerId != null) {
      if (customerId && customerId !== input.customerId)
        throw new DomainError(ErrorCode.CONFLICT, "The visit already belongs to another customer.", ["customerId"]);
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
      throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `The checklist is kept while the visit is SERVING; it is ${before.status}.`, ["visitId"], {
        currentState: before.status,
      });
    }
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ ...set, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
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
      throw new DomainError("CHECKLIST_INCOMPLETE", `The service checklist is incomplete for ${before.businessType}: ${missing.join(", ")}.`, [
        "checklist",
        ...missing,
      ]);
    }
    const [row] = await m.tx
      .update(receptionVisits)
      .set({ status: "COMPLETED", completedAt: m.now, satisfactionRating: rating, closingNote: note, updatedAt: m.now })
      .where(eq(receptionVisits.id, before.id))
      .returning();
    m.audit({
      targetType: "Visit",
      targetId: row.id,
      summary: { before: { status: before.status }, after: { status: "COMPLETED", satisfactionRating: rating } },
    });
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
