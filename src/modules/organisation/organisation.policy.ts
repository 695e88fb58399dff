import { forbidden } from "../../shared/errors";
import type { StaffRow } from "./organisation.table";
import { type Viewer, isAdmin, isHr } from "./viewer";

/** Staff records are managed by the system administrator and by human resources. */
export function canManageStaff(viewer: Viewer): boolean {
  return isAdmin(viewer) || isHr(viewer);
}

export function canDeactivate(viewer: Viewer, target: Pick<StaffRow, "id" | "active">): boolean {
  return canManageStaff(viewer) && target.active && viewer.id !== target.id;
}

/** Teams are created by the system administrator or by the supervisor of the department. */
export function canCreateTeam(viewer: Viewer, departmentId: string): boolean {
  return isAdmin(viewer) || (viewer.position === "SUPERVISOR" && viewer.departmentId === departmentId);
}

export function assertCanManageStaff(viewer: Viewer): void {
  if (!canManageStaff(viewer)) throw forbidden("staff management (system administrator or human resources only)");
}
