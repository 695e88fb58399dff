import { ApiHook } from "./api-port";
import type { Executor } from "../db/client";
import { DomainError, ErrorCode } from "./errors";

/**
 * Certifications (资格认证, manual chapter 9) that gate business: a procedure names the certification
 * it needs, and whichever module keeps staff certifications (training) answers whether a member holds
 * a valid one. The procedure's module never imports that module: with no module answering, nothing is
 * gated; once one answers, the gate is on without editing the procedure.
 */
export const CERTIFICATION_KINDS = ["LOAN_APPROVAL", "PRECIOUS_METALS", "COMPLAINT_HANDLING", "INFORMATION_SECURITY", "CREDIT_CARD", "CASH_HANDLING"] as const;
export type CertificationKindName = (typeof CERTIFICATION_KINDS)[number];

/** One module's answer: null when the member may go ahead, else why not (shown to the caller). */
export type CertificationCheck = (exec: Executor, staffId: string, kind: CertificationKindName, at: Date) => Promise<string | null>;

export const certificationPolicy = new ApiHook<CertificationCheck>(
  "core.certificationPolicy",
  "whether a staff member holds a valid certification of a kind at a time; a procedure gated on it is refused otherwise",
);

/**
 * Refuses (CERTIFICATION_REQUIRED, coded for `userErrors`) when any answering module says the member
 * lacks a valid certification of the kind at `at`. Call it inside the procedure's transaction.
 */
export async function requireCertification(
  exec: Executor,
  staffId: string,
  kind: CertificationKindName,
  at: Date,
  field: string[] | null = null,
): Promise<void> {
  for (const check of certificationPolicy.all()) {
    const refusal = await check(exec, staffId, kind, at);
    if (refusal !== null) throw new DomainError(ErrorCode.CERTIFICATION_REQUIRED, refusal, field, { certification: kind });
  }
}
