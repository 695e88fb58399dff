import type { PositionName } from "../../core/viewer";
import type { Viewer } from "../../core/viewer";

/** Security officers and supervisors handle security incidents (chapter 11.3). */
export const canHandleSecurityIncident = (v: Viewer) =>
  v.position === "SECURITY_OFFICER" || v.position === "SUPERVISOR" || v.position === "SYSTEM_ADMINISTRATOR";
export const SEE_ALL_SECURITY_INCIDENTS: readonly PositionName[] = ["SECURITY_OFFICER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"];
export const canSeeAllSecurityIncidents = (v: Viewer) => SEE_ALL_SECURITY_INCIDENTS.includes(v.position);
export const canSeeSecurityIncident = (v: Viewer, row: { reporterId: string }) => canSeeAllSecurityIncidents(v) || row.reporterId === v.id;
/** Security policies are published by the information-security officer. */
export const canManagePolicies = (v: Viewer) => v.position === "SECURITY_OFFICER" || v.position === "SYSTEM_ADMINISTRATOR";
