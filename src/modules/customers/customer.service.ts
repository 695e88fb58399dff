import { eq, inArray } from "drizzle-orm";
import type { Context } from "../../core/context";
import { DomainError, ErrorCode, badInput } from "../../core/errors";
import { newId } from "../../core/ids";
import { type MutationScope, runMutation } from "../../shared/mutation";
import { optionalText, text } from "../../shared/validate";
import { requireViewer } from "../../shared/viewer";
import { fieldCipher } from "./customer.crypto";
import { checkOtherIdNumber, maskAddress, maskIdNumber, maskMobile, normaliseMobile, parseResidentId } from "./customer.identity";
import type { CustomerConsentInput, CustomerRegisterInput, CustomerUpdateInput, CustomerVerifyIdentityInput } from "./customer.inputs";
import { linkStaffToCustomer, loadCustomerInScope } from "./customer.links";
import { assertCanMaintainCustomers } from "./customer.policy";
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ID_TYPES,
  RISK_LEVELS,
  SEXES,
  TIERS,
  VERIFICATION_METHODS,
  type ConsentChannelName,
  type ConsentPurposeName,
  type CustomerRow,
  type IdTypeName,
  type RiskLevelName,
  type SexName,
  type TierName,
  type VerificationMethodName,
  customerChanges,
  customerConsents,
  customers,
} from "./customer.table";

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined, field: string): T {
  if (!values.includes(value as T)) throw badInput(`${field} must be one of ${values.join(", ")}.`, [field]);
  return value as T;
}

/** Names: not empty, of sane length, no control characters. */
export function checkName(value: string, field = "fullName"): string {
  const name = text(value, field, 1, 100).replace(/\s+/g, " ");
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badInput(`${field} must not contain control characters.`, [field]);
  return name;
}

export function checkConsent(c: CustomerConsentInput, field: string): { purpose: ConsentPurposeName; scope: string; channel: ConsentChannelName } {
  return {
    purpose: oneOf(CONSENT_PURPOSES, c.purpose, `${field}.purpose`),
    scope: text(c.scope, `${field}.scope`, 1, 500),
    channel: oneOf(CONSENT_CHANNELS, c.channel, `${field}.channel`),
  };
}

function birthYearOf(birthDate: string | null | undefined, today: Date): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? "");
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1 || Number(m[1]) < 1900 || date > today) {
    throw badInput("birthDate must be a real past date written YYYY-MM-DD.", ["birthDate"]);
  }
  return Number(m[1]);
}

export function registerCustomer(ctx: Context, input: CustomerRegisterInput) {
  const viewer = requireViewer(ctx);
  assertCanMaintainCustomers(viewer);
  const cipher = fieldCipher(ctx.config);
  // The request hash (idempotency) and the audit trail never see the plaintext numbers.
  const hashedInput = {
    ...input,
    idNumber: cipher.lookupHash("id", input.idNumber ?? ""),
    mobile: input.mobile ? cipher.lookupHash("mobile", input.mobile) : null,
    address: input.address ? cipher.lookupHash("id", `addr:${input.address}`) : null,
  };
  return runMutation(ctx, { action: "customer.register", input: hashedInput, idempotencyKey: input.idempotencyKey }, async (m) => {
    const fullName = checkName(input.fullName);
    const idType = oneOf(ID_TYPES, input.idType ?? "RESIDENT_ID", "idType") as IdTypeName;
    let idNumber: string;
    let birthYear: number;
    let sex: SexName;
    if (idType === "RESIDENT_ID") {
      const parsed = parseResidentId(input.idNumber, m.now);
      idNumber = parsed.number;
      birthYear = parsed.birthYear;
      sex = parsed.sex;
    } else {
      idNumber = checkOtherIdNumber(idType, input.idNumber);
      birthYear = birthYearOf(input.birthDate, m.now);
      sex = oneOf(SEXES, input.sex, "sex");
    }
    const mobile = input.mobile ? normaliseMobile(input.mobile) : null;
    const address = optionalText(input.address, "address", 200);
    const occupation = optionalText(input.occupation, "occupation", 100);
    const tier = oneOf(TIERS, input.tier ?? "REGULAR", "tier") as TierName;
    const riskLevel = input.riskLevel ? (oneOf(RISK_LEVELS, input.riskLevel, "riskLevel") as RiskLevelName) : null;
    if (!input.consents || input.consents.length === 0) throw badInput("At least one consent is needed to collect personal data.", ["consents"]);
    if (input.consents.length > 10) throw badInput("At most 10 consents at once.", ["consents"]);
    const consents = input.consents.map((c, i) => checkConsent(c, `consents.${i}`));

    const idNumberHash = cipher.lookupHash("id", idNumber);
    const [existing] = await m.tx
      .select({ id: customers.id })
      .from(customers)
      .where(inArray(customers.idNumberHash, cipher.lookupHashes("id", idNumber)));
    // Deliberately no id or name of the existing customer: the caller may not be allowed to see it.
    if (existing)
      throw new DomainError(ErrorCode.DUPLICATE, "A customer with this ID number is already registered; find them by an exact ID number search.", ["idNumber"]);

    const id = newId("cus");
    const [row] = await m.tx
      .insert(customers)
      .values({
        id,
        fullName,
        idType,
        idNumberEnc: cipher.encrypt(idNumber),
        idNumberHash,
        idNumberMasked: maskIdNumber(idType, idNumber),
        birthYear,
        sex,
        mobileEnc: mobile ? cipher.encrypt(mobile) : null,
        mobileHash: mobile ? cipher.lookupHash("mobile", mobile) : null,
        mobileMasked: mobile ? maskMobile(mobile) : null,
        addressEnc: address ? cipher.encrypt(address) : null,
        addressMasked: address ? maskAddress(address) : null,
        occupation,
        tier,
        riskLevel,
        riskAssessedAt: riskLevel ? m.now : null,
        createdById: m.actorId,
        createdAt: m.now,
        updatedAt: m.now,
      })
      .returning();
    await m.tx.insert(customerConsents).values(consents.map((c) => ({ id: newId("csn"), customerId: id, ...c, givenAt: m.now, recordedById: m.actorId })));
    await linkStaffToCustomer(m.tx, id, m.actorId, m.now, true);
    m.audit({
      targetType: "Customer",
      targetId: id,
      summary: {
        after: { fullName, idType, idNumber: row.idNumberMasked, mobile: row.mobileMasked, address: row.addressMasked, tier, riskLevel },
        consents: consents.map((c) => c.purpose),
      },
    });
    return { customer: row };
  });
}

interface Change {
  field: string;
  oldMasked: string | null;
  newMasked: string | null;
  oldEnc?: string | null;
  newEnc?: string | null;
}

async function recordChanges(m: MutationScope, customerId: string, changes: Change[], reason: string | null): Promise<void> {
  if (changes.length === 0) return;
  await m.tx.insert(customerChanges).values(changes.map((c) => ({ id: newId("cch"), customerId, ...c, changedById: m.actorId, changedAt: m.now, reason })));
}

export function updateCustomer(ctx: Context, input: CustomerUpdateInput) {
  const viewer = requireViewer(ctx);
  assertCanMaintainCustomers(viewer);
  const cipher = fieldCipher(ctx.config);
  const hashedInput = {
    ...input,
    mobile: input.mobile ? cipher.lookupHash("mobile", input.mobile) : input.mobile,
    address: input.address ? cipher.lookupHash("id", `addr:${input.address}`) : input.address,
  };
  return runMutation(ctx, { action: "customer.update", input: hashedInput, idempotencyKey: input.idempotencyKey }, async (m) => {
    const reason = optionalText(input.reason, "reason", 500);
    const set: Partial<CustomerRow> = {};
    const changes: Change[] = [];
    const fullName = input.fullName != null ? checkName(input.fullName) : null;
    const mobile = input.mobile != null ? normaliseMobile(input.mobile) : null;
    const address = input.address != null ? optionalText(input.address, "address", 200) : undefined;
    const occupation = input.occupation != null ? optionalText(input.occupation, "occupation", 100) : undefined;
    const tier = input.tier != null ? (oneOf(TIERS, input.tier, "tier") as TierName) : null;
    const riskLevel = input.riskLevel != null ? (oneOf(RISK_LEVELS, input.riskLevel, "riskLevel") as RiskLevelName) : null;
    const before = await loadCustomerInScope(m.tx, viewer, input.customerId);

    if (fullName !== null && fullName !== before.fullName) {
      set.fullName = fullName;
      changes.push({ field: "FULL_NAME", oldMasked: before.fullName, newMasked: fullName });
    }
    if (mobile !== null && (before.mobileHash === null || !cipher.lookupHashes("mobile", mobile).includes(before.mobileHash))) {
      set.mobileEnc = cipher.encrypt(mobile);
      set.mobileHash = cipher.lookupHash("mobile", mobile);
      set.mobileMasked = maskMobile(mobile);
      changes.push({ field: "MOBILE", oldMasked: before.mobileMasked, newMasked: set.mobileMasked, oldEnc: before.mobileEnc, newEnc: set.mobileEnc });
    }
    if (address !== undefined) {
      const same = address === null ? before.addressEnc === null : before.addressEnc !== null && cipher.decrypt(before.addressEnc) === address;
      if (!same) {
        set.addressEnc = address ? cipher.encrypt(address) : null;
        set.addressMasked = address ? maskAddress(address) : null;
        changes.push({ field: "ADDRESS", oldMasked: before.addressMasked, newMasked: set.addressMasked, oldEnc: before.addressEnc, newEnc: set.addressEnc });
      }
    }
    if (occupation !== undefined && occupation !== before.occupation) {
      set.occupation = occupation;
      changes.push({ field: "OCCUPATION", oldMasked: before.occupation, newMasked: occupation });
    }
    if (tier !== null && tier !== before.tier) {
      set.tier = tier;
      changes.push({ field: "TIER", oldMasked: before.tier, newMasked: tier });
    }
    if (riskLevel !== null) {
      // A reassessment is recorded even when the level stays the same: its date matters for suitability.
      set.riskLevel = riskLevel;
      set.riskAssessedAt = m.now;
      changes.push({ field: "RISK_LEVEL", oldMasked: before.riskLevel, newMasked: riskLevel });
    }
    if (changes.length === 0) throw badInput("Nothing to change: every given value equals the current one.", null);
    const [row] = await m.tx
      .update(customers)
      .set({ ...set, updatedAt: m.now })
      .where(eq(customers.id, before.id))
      .returning();
    await recordChanges(m, before.id, changes, reason);
    m.audit({
      targetType: "Customer",
      targetId: before.id,
      summary: {
        before: Object.fromEntries(changes.map((c) => [c.field, c.oldMasked])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.newMasked])),
        reason,
      },
    });
    return { customer: row };
  });
}

export function verifyIdentity(ctx: Context, input: CustomerVerifyIdentityInput) {
  const viewer = requireViewer(ctx);
  assertCanMaintainCustomers(viewer);
  return runMutation(ctx, { action: "customer.verifyIdentity", input, idempotencyKey: input.idempotencyKey }, async (m) => {
    const method = oneOf(VERIFICATION_METHODS, input.method, "method") as VerificationMethodName;
    const before = await loadCustomerInScope(m.tx, viewer, input.customerId);
    const [row] = await m.tx
      .update(customers)
      .set({ identityVerifiedAt: m.now, identityVerifiedById: m.actorId, identityVerificationMethod: method, updatedAt: m.now })
      .where(eq(customers.id, before.id))
      .returning();
    await recordChanges(m, before.id, [{ field: "IDENTITY_VERIFICATION", oldMasked: before.identityVerificationMethod, newMasked: method }], null);
    m.audit({ targetType: "Customer", targetId: before.id, summary: { method, previouslyVerifiedAt: before.identityVerifiedAt } });
    return { customer: row };
  });
}
