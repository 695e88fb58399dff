import { eq } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { runMutation } from "../../shared/mutation";
import { text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { lockById } from "../../shared/rows";
import { fieldCipher } from "./customer.crypto";
import type { CustomerConsentRecordInput, CustomerConsentWithdrawInput, CustomerRevealFieldInput } from "./customer.inputs";
import { loadCustomerInScope } from "./customer.links";
import { assertCanMaintainCustomers, assertCanReveal } from "./customer.policy";
import { checkConsent } from "./customer.service";
import {
  ACCESS_PURPOSES,
  PROTECTED_FIELDS,
  type AccessPurposeName,
  type CustomerConsentRow,
  type CustomerDataAccessRow,
  type CustomerRow,
  type ProtectedFieldName,
  customerConsents,
  customerDataAccess,
  customers,
} from "./customer.table";

export const consentView = (row: CustomerConsentRow) => ({ ...row, active: row.withdrawnAt === null });

function sealedValue(row: CustomerRow, field: ProtectedFieldName): string | null {
  if (field === "ID_NUMBER") return row.idNumberEnc;
  if (field === "MOBILE") return row.mobileEnc;
  return row.addressEnc;
}

/**
 * Unmasks one protected field. The access-audit row and the audit record are committed before the
 * value leaves the server; the plaintext is kept out of the mutation's result, so that the
 * idempotency store (which keeps results for replay) never holds it: a replay decrypts again under
 * the access record of the first request.
 */
export async function revealField(ctx: Context, input: CustomerRevealFieldInput) {
  const viewer = requireViewer(ctx);
  assertCanReveal(viewer);
  const result = await runMutation(ctx, { action: "customer.revealField", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    if (!PROTECTED_FIELDS.includes(input.field as ProtectedFieldName)) throw badInput(`field must be one of ${PROTECTED_FIELDS.join(", ")}.`, ["field"]);
    if (!ACCESS_PURPOSES.includes(input.purpose as AccessPurposeName)) throw badInput(`purpose must be one of ${ACCESS_PURPOSES.join(", ")}.`, ["purpose"]);
    const purposeDetail = text(input.purposeDetail, "purposeDetail", 5, 500);
    const customer = await loadCustomerInScope(m.tx, viewer, input.customerId, false);
    const [access] = await m.tx
      .insert(customerDataAccess)
      .values({
        id: newId("cda"),
        customerId: customer.id,
        staffId: m.actorId,
        field: input.field as ProtectedFieldName,
        purpose: input.purpose as AccessPurposeName,
        purposeDetail,
        accessedAt: m.now,
        requestId: ctx.requestId,
      })
      .returning();
    m.audit({ targetType: "Customer", targetId: customer.id, summary: { field: input.field, purpose: input.purpose, accessId: access.id } });
    return { access, field: input.field as ProtectedFieldName };
  });
  if (!result.access) return { ...result, field: null, value: null, birthDate: null, access: null };
  const access = result.access as CustomerDataAccessRow;
  const [row] = await ctx.database.db.select().from(customers).where(eq(customers.id, access.customerId));
  const sealed = row ? sealedValue(row, access.field) : null;
  const value = sealed ? fieldCipher(ctx.config).decrypt(sealed) : null;
  const birthDate =
    value && access.field === "ID_NUMBER" && row.idType === "RESIDENT_ID" ? `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}` : null;
  return { ...result, field: access.field, value, birthDate, access };
}

export function recordConsent(ctx: Context, input: CustomerConsentRecordInput) {
  const viewer = requireViewer(ctx);
  assertCanMaintainCustomers(viewer);
  return runMutation(ctx, { action: "customer.consentRecord", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const consent = checkConsent(input, "consent");
    const customer = await loadCustomerInScope(m.tx, viewer, input.customerId);
    const [row] = await m.tx
      .insert(customerConsents)
      .values({ id: newId("csn"), customerId: customer.id, ...consent, givenAt: m.now, recordedById: m.actorId })
      .returning();
    m.audit({ targetType: "Customer", targetId: customer.id, summary: { consent: row.id, purpose: row.purpose, channel: row.channel } });
    return { consent: consentView(row) };
  });
}

export function withdrawConsent(ctx: Context, input: CustomerConsentWithdrawInput) {
  const viewer = requireViewer(ctx);
  assertCanMaintainCustomers(viewer);
  return runMutation(ctx, { action: "customer.consentWithdraw", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = text(input.reason, "reason", 1, 500);
    const before = await lockById(m.tx, customerConsents, input.consentId, "The consent", ["consentId"]);
    await loadCustomerInScope(m.tx, viewer, before.customerId, false).catch(() => {
      throw notFound("The consent", ["consentId"]);
    });
    if (before.withdrawnAt) throw new DomainError(ErrorCode.CONFLICT, "The consent was already withdrawn.", ["consentId"]);
    const [row] = await m.tx
      .update(customerConsents)
      .set({ withdrawnAt: m.now, withdrawnById: m.actorId, withdrawalReason: reason })
      .where(eq(customerConsents.id, before.id))
      .returning();
    m.audit({ targetType: "Customer", targetId: before.customerId, summary: { consent: row.id, purpose: row.purpose, withdrawn: true, reason } });
    return { consent: consentView(row) };
  });
}
