import type { PositionName, Viewer } from "../../core/viewer";
import { forbidden } from "../../core/errors";
import { ALERT_WATCHERS } from "./risk.events";

/** Who reads the risk register and its controls: risk officers, supervisors, the head-office senior, administrators. */
export const REGISTER_READERS: readonly PositionName[] = ["RISK_OFFICER", "SUPERVISOR", "HEAD_OFFICE_SENIOR", "SYSTEM_ADMINISTRATOR"];
/** Who reads alerts, large-value and suspicious-transaction reports, and watches alerts live. */
export const ALERT_READERS = ALERT_WATCHERS;

export const canReadRegister = (v: Viewer) => REGISTER_READERS.includes(v.position);
export const canReadAlerts = (v: Viewer) => ALERT_READERS.includes(v.position);
/** Registering, reassessing and controlling risks: risk officers and supervisors. */
export const canManageRisks = (v: Viewer) => v.position === "RISK_OFFICER" || v.position === "SUPERVISOR" || v.position === "SYSTEM_ADMINISTRATOR";
/** Reviewing alerts, writing and submitting reports, setting monitoring rules: risk officers. */
export const canReviewAlerts = (v: Viewer) => v.position === "RISK_OFFICER" || v.position === "SYSTEM_ADMINISTRATOR";

export function assertAllowed(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(what).toGraphQLError();
}
