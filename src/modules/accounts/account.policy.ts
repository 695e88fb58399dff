import { forbidden } from "../../core/errors";
import type { Viewer } from "../../core/viewer";

/**
 * Who may do what with accounts and money (chapter 4). Counter work is done by the customer service
 * department; risk and finance read; checkers are a position above the maker, never the maker.
 */
const COUNTER = new Set(["REPRESENTATIVE", "MANAGER", "SUPERVISOR"]);

const isAdmin = (v: Viewer) => v.position === "SYSTEM_ADMINISTRATOR";

export function canViewAccounts(v: Viewer): boolean {
  return isAdmin(v) || v.departmentCode === "CUSTOMER_SERVICE" || v.position === "RISK_OFFICER" || v.position === "FINANCE_APPROVER";
}

/** Opening accounts, cash, transfers, time deposits, loss reports: the counter. */
export function canWorkCounter(v: Viewer): boolean {
  return isAdmin(v) || (COUNTER.has(v.position) && v.departmentCode === "CUSTOMER_SERVICE");
}

export function canRequestFreeze(v: Viewer): boolean {
  return canWorkCounter(v) || v.position === "RISK_OFFICER";
}

/** Checker of a freeze or unfreeze: the department supervisor or a risk officer. */
export function canDecideFreeze(v: Viewer): boolean {
  return isAdmin(v) || v.position === "SUPERVISOR" || v.position === "RISK_OFFICER";
}

/** Checker of a large cash withdrawal: a manager or the supervisor of customer service. */
export function canApproveLargeCash(v: Viewer): boolean {
  return isAdmin(v) || ((v.position === "SUPERVISOR" || v.position === "MANAGER") && v.departmentCode === "CUSTOMER_SERVICE");
}

/** Corrections (reversing entries) are the supervisor's. */
export function canReverse(v: Viewer): boolean {
  return isAdmin(v) || v.position === "SUPERVISOR";
}

/** The deposit rate table is kept by finance. */
export function canSetRates(v: Viewer): boolean {
  return isAdmin(v) || v.position === "FINANCE_APPROVER";
}

export function assertPolicy(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(what).toGraphQLError();
}
