import { forbidden } from "../../core/errors";
import type { PositionName } from "../../core/viewer";
import type { Viewer } from "../../core/viewer";
import type { VisitRow } from "./reception.table";

/**
 * Reception (chapter 3) is run by customer service: representatives issue tickets, call and serve;
 * managers and supervisors may also act on any visit (take over, close a forgotten one). Risk and
 * security officers may read visits (fraud and incident follow-up) but do not serve.
 */
const SERVE = new Set(["REPRESENTATIVE", "MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"]);
/** Who reads visits and their exceptions (the read rule of both types). */
export const READ_VISITS: readonly PositionName[] = ["REPRESENTATIVE", "MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR", "RISK_OFFICER", "SECURITY_OFFICER"];
const READ = new Set<string>(READ_VISITS);
const OVERSEE = new Set(["MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"]);

export const canServe = (v: Viewer) => SERVE.has(v.position);

export function assertCanServe(viewer: Viewer): void {
  if (!canServe(viewer)) throw forbidden("reception work (customer service staff only)");
}

export const canReadVisits = (v: Viewer) => READ.has(v.position);

export function assertCanReadVisits(viewer: Viewer): void {
  if (!canReadVisits(viewer)) throw forbidden("reading reception visits (customer service, risk and security staff only)");
}

/** A called or served visit belongs to whoever called it; overseers may act on any. */
export function canActOnVisit(viewer: Viewer, visit: Pick<VisitRow, "calledById">): boolean {
  return OVERSEE.has(viewer.position) || visit.calledById === null || visit.calledById === viewer.id;
}

export function assertCanActOnVisit(viewer: Viewer, visit: Pick<VisitRow, "calledById">): void {
  if (!canActOnVisit(viewer, visit)) throw forbidden("acting on a visit another representative called (managers and supervisors may)");
}
