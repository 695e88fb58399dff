import type { PositionName } from "../../core/viewer";
import type { Viewer } from "../../core/viewer";

const has = (v: Viewer, ...positions: string[]) => v.position === "SYSTEM_ADMINISTRATOR" || positions.includes(v.position);

/** Emergency plans are written by those who run the floor or its systems. */
export const canAuthorPlan = (v: Viewer) => has(v, "SUPERVISOR", "MANAGER", "SECURITY_OFFICER");
/** Only a customer-service supervisor approves or retires a plan (and never the plan's author). */
export const canApprovePlan = (v: Viewer) => v.position === "SUPERVISOR";
export const canOrganiseDrill = (v: Viewer) => has(v, "SUPERVISOR", "MANAGER");
/** Who commands the response to an emergency incident. */
export const canHandleEmergency = (v: Viewer) => has(v, "SUPERVISOR", "MANAGER");
/** Who sees every emergency incident; everybody else sees those they reported. */
export const SEE_ALL_EMERGENCIES: readonly PositionName[] = ["SYSTEM_ADMINISTRATOR", "SUPERVISOR", "MANAGER", "SECURITY_OFFICER", "RISK_OFFICER"];
export const canSeeAllEmergencies = (v: Viewer) => SEE_ALL_EMERGENCIES.includes(v.position);
export const canSeeEmergency = (v: Viewer, row: { reporterId: string }) => canSeeAllEmergencies(v) || row.reporterId === v.id;
