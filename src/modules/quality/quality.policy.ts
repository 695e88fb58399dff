import type { PositionName, Viewer } from "../../core/viewer";

const has = (v: Viewer, ...positions: PositionName[]) => positions.includes(v.position);

/**
 * Quality inspectors (质检员) are the managers (their team), the supervisors (their department) and the
 * head-office senior (every department): they run the floor and answer for its service quality.
 */
export const canInspect = (v: Viewer) => has(v, "MANAGER", "SUPERVISOR", "HEAD_OFFICE_SENIOR");

/** Whether an inspector's reach covers a member (team for a manager, department for a supervisor). */
export function inspectorReaches(v: Viewer, member: { departmentId: string; teamId: string | null }): boolean {
  if (v.position === "HEAD_OFFICE_SENIOR") return true;
  if (v.position === "SUPERVISOR") return member.departmentId === v.departmentId;
  if (v.position === "MANAGER") return v.teamId !== null && member.teamId === v.teamId;
  return false;
}

/** Front-line staff and their managers record the customer's answers to a survey. */
export const canRecordSurvey = (v: Viewer) => has(v, "REPRESENTATIVE", "MANAGER", "SUPERVISOR");

/** Who raises improvement actions from complaints, inspections and KPI misses. */
export const canRaiseAction = (v: Viewer) => has(v, "MANAGER", "SUPERVISOR", "HEAD_OFFICE_SENIOR", "SYSTEM_ADMINISTRATOR");

/** Who moves any improvement action on (besides its owner). */
export const canManageActions = (v: Viewer) => has(v, "MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR");

/** KPI targets: a supervisor for their department; the system administrator and head-office senior for any, and the centre-wide default. */
export function canSetTarget(v: Viewer, departmentId: string | null): boolean {
  if (has(v, "SYSTEM_ADMINISTRATOR", "HEAD_OFFICE_SENIOR")) return true;
  return v.position === "SUPERVISOR" && departmentId === v.departmentId;
}

/**
 * Who reads KPI values of which scope: the whole centre and any department for the administrator,
 * the head-office senior and supervisors (a supervisor's own department and its teams and members);
 * managers their team and its members; every member their own values.
 */
export function canReadKpis(v: Viewer, scope: { kind: string; departmentId: string | null; teamId: string | null; staffId: string | null }): boolean {
  if (has(v, "SYSTEM_ADMINISTRATOR", "HEAD_OFFICE_SENIOR")) return true;
  if (scope.kind === "STAFF" && scope.staffId === v.id) return true;
  if (v.position === "SUPERVISOR") return scope.kind === "CENTRE" || scope.departmentId === v.departmentId;
  if (v.position === "MANAGER") return scope.kind !== "CENTRE" && scope.kind !== "DEPARTMENT" && v.teamId !== null && scope.teamId === v.teamId;
  return false;
}
