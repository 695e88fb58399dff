import { forbidden } from "../../core/errors";
import type { StaffRow } from "./organisation.table";
import { POSITIONS, type PositionName } from "../../core/viewer";
import { type Viewer, isAdmin, isHr } from "../../core/viewer";

/**
 * Who manages staff records, and over which positions: a manager may register, move, deactivate and
 * change the position of members who hold a position in their list, and grant only positions in it.
 * Human resources run the service and support positions; the control functions (risk, information
 * security) and the system administrator answer to the administrator.
 */
export const STAFF_AUTHORITY: readonly { who: string; applies: (v: Viewer) => boolean; positions: readonly PositionName[] }[] = [
  { who: "system administrator", applies: isAdmin, positions: POSITIONS },
  {
    who: "human resources",
    applies: isHr,
    positions: ["REPRESENTATIVE", "MANAGER", "SUPERVISOR", "TRAINER", "EQUIPMENT_ADMINISTRATOR", "FINANCE_APPROVER"],
  },
];

/** Positions that are granted only when a second system administrator approves (maker-checker). */
export const POSITIONS_NEEDING_APPROVAL: readonly PositionName[] = ["SYSTEM_ADMINISTRATOR"];

/** The positions a viewer has authority over (may grant, and may manage holders of). */
export function positionsManagedBy(viewer: Viewer): ReadonlySet<PositionName> {
  const set = new Set<PositionName>();
  for (const rule of STAFF_AUTHORITY) if (rule.applies(viewer)) for (const p of rule.positions) set.add(p);
  return set;
}

/** Staff records are managed by the system administrator and by human resources. */
export function canManageStaff(viewer: Viewer): boolean {
  return positionsManagedBy(viewer).size > 0;
}

/** Whether the viewer may change this member's record: never their own, only holders of positions in their authority. */
export function canManageMember(viewer: Viewer, target: Pick<StaffRow, "id" | "position">): boolean {
  return viewer.id !== target.id && positionsManagedBy(viewer).has(target.position);
}

export function canGrantPosition(viewer: Viewer, position: PositionName): boolean {
  return positionsManagedBy(viewer).has(position);
}

export function canDeactivate(viewer: Viewer, target: Pick<StaffRow, "id" | "active" | "position">): boolean {
  return target.active && canManageMember(viewer, target);
}

/** Teams are created by the system administrator or by the supervisor of the department. */
export function canCreateTeam(viewer: Viewer, departmentId: string): boolean {
  return isAdmin(viewer) || (viewer.position === "SUPERVISOR" && viewer.departmentId === departmentId);
}

/** Requests to make a system administrator are made and decided by system administrators. */
export function canHandleAdministratorGrants(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

export function assertCanManageStaff(viewer: Viewer): void {
  if (!canManageStaff(viewer)) throw forbidden("staff management (system administrator or human resources only)");
}

/** Refuses (FORBIDDEN) a change to a member outside the viewer's authority, or to the viewer themselves. */
export function assertCanManageMember(viewer: Viewer, target: Pick<StaffRow, "id" | "position">, what: string): void {
  if (viewer.id === target.id) throw forbidden(`${what} of your own record (another member with authority over your position must do it)`);
  if (!canManageMember(viewer, target)) throw forbidden(`${what} of a ${target.position} (outside your authority)`);
}

export function assertCanGrant(viewer: Viewer, position: PositionName): void {
  if (!canGrantPosition(viewer, position)) throw forbidden(`granting the position ${position} (outside your authority)`);
}
