import type { Viewer } from "../../core/viewer";

/**
 * Who may do what with loans (chapter 4.3). Representatives (and the counter above them) take
 * applications, sign contracts, disburse and take repayments; the team manager (or a risk officer)
 * reviews; the supervisor approves or rejects (never the reviewer); risk officers classify and propose
 * restructuring and write-offs; a write-off needs a second person, the supervisor or finance.
 */
const isAdmin = (v: Viewer) => v.position === "SYSTEM_ADMINISTRATOR";
const inService = (v: Viewer) => v.departmentCode === "CUSTOMER_SERVICE";

export function canTakeApplications(v: Viewer): boolean {
  return isAdmin(v) || (["REPRESENTATIVE", "MANAGER", "SUPERVISOR"].includes(v.position) && inService(v));
}
export const canWorkLoans = canTakeApplications;

export function canReviewLoans(v: Viewer): boolean {
  return isAdmin(v) || (v.position === "MANAGER" && inService(v)) || v.position === "RISK_OFFICER";
}

export function canApproveLoans(v: Viewer): boolean {
  return isAdmin(v) || (v.position === "SUPERVISOR" && inService(v));
}

/** Rejection: whoever may review or approve. */
export function canRejectLoans(v: Viewer): boolean {
  return canReviewLoans(v) || canApproveLoans(v);
}

export function canClassifyLoans(v: Viewer): boolean {
  return isAdmin(v) || v.position === "RISK_OFFICER";
}

export function canRequestWriteOff(v: Viewer): boolean {
  return isAdmin(v) || v.position === "RISK_OFFICER";
}

export function canApproveWriteOff(v: Viewer): boolean {
  return isAdmin(v) || v.position === "FINANCE_APPROVER" || (v.position === "SUPERVISOR" && inService(v));
}

export function canReadLoans(v: Viewer): boolean {
  return isAdmin(v) || inService(v) || v.position === "RISK_OFFICER" || v.position === "FINANCE_APPROVER";
}

/** The portfolio is the bank's whole book: positions that see every account. */
export function canReadPortfolio(v: Viewer): boolean {
  return isAdmin(v) || v.position === "SUPERVISOR" || v.position === "RISK_OFFICER" || v.position === "FINANCE_APPROVER";
}
