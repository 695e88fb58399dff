import { forbidden } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import { canWorkCounter } from "../accounts";
import type { ServiceRequestTypeRow } from "./service.table";

/**
 * Who may do what with other service requests (其他业务, chapter 4.6): the counter submits them for a
 * customer; only the position the catalogue names for the request's type takes one on, completes it
 * or refuses it (a certificate of deposit is a manager's, a statement copy a representative's).
 */
export function canSubmitRequests(v: Viewer): boolean {
  return canWorkCounter(v);
}

export function canHandleType(v: Viewer, type: Pick<ServiceRequestTypeRow, "completedByPosition">): boolean {
  return v.position === type.completedByPosition;
}

/** Reading requests: whoever sees customers (the read rule narrows it to the customers they see). */
export function canReadRequests(v: Viewer): boolean {
  return canWorkCounter(v) || ["SUPERVISOR", "RISK_OFFICER", "SECURITY_OFFICER", "SYSTEM_ADMINISTRATOR"].includes(v.position);
}

export function assertServicePolicy(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(what).toGraphQLError();
}
