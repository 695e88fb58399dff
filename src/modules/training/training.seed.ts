import type { CertificationKindName } from "../../core/certification";
import { newId } from "../../core/ids";
import type { Tx } from "../../db/client";
import { addMonths } from "./certification.service";
import { certifications } from "./training.table";

/**
 * Demo certifications, so that the demo staff who do gated work (loan approval, precious-metals trades,
 * complaint handling) may do it on a fresh database: recorded as held since 2020 and valid five years
 * from seeding. The trainer, security officer and equipment administrator hold none.
 */
export const DEMO_CERTIFICATIONS: Record<string, CertificationKindName[]> = {
  admin: ["LOAN_APPROVAL", "PRECIOUS_METALS", "COMPLAINT_HANDLING"],
  supervisor: ["LOAN_APPROVAL", "PRECIOUS_METALS", "COMPLAINT_HANDLING", "CREDIT_CARD"],
  manager: ["LOAN_APPROVAL", "PRECIOUS_METALS", "COMPLAINT_HANDLING", "CREDIT_CARD"],
  rep1: ["PRECIOUS_METALS", "COMPLAINT_HANDLING", "CREDIT_CARD", "CASH_HANDLING"],
  rep2: ["PRECIOUS_METALS", "COMPLAINT_HANDLING", "CREDIT_CARD", "CASH_HANDLING"],
  risk: ["LOAN_APPROVAL"],
  finance: ["LOAN_APPROVAL"],
  senior: ["LOAN_APPROVAL", "COMPLAINT_HANDLING"],
};

export async function seedDemoCertifications(tx: Tx, staffIds: ReadonlyMap<string, string>, now: Date): Promise<void> {
  const grantedAt = new Date("2020-01-01T00:00:00Z");
  const expiresAt = addMonths(now, 60);
  const rows = Object.entries(DEMO_CERTIFICATIONS).flatMap(([username, kinds]) => {
    const staffId = staffIds.get(username);
    return staffId ? kinds.map((kind) => ({ id: newId("crt"), staffId, kind, enrolmentId: null, grantedAt, expiresAt })) : [];
  });
  if (rows.length > 0) await tx.insert(certifications).values(rows);
}
