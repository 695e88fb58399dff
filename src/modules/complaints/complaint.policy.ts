import { type SQL, eq, or, sql } from "drizzle-orm";
import { DomainError, forbidden } from "../../core/errors";
import type { ScopeLevel } from "../../core/access";
import type { PositionName } from "../../core/viewer";
import type { Viewer } from "../../core/viewer";
import { complaints } from "./complaint.table";

/** What scope decisions need about a complaint; live events carry exactly these in their payload. */
export interface ScopeFacts {
  departmentId: string;
  receivedById: string;
  handlerId: string | null;
  receiverTeamId: string | null;
  handlerTeamId: string | null;
  /** The handler just replaced by a reassignment or escalation (events only): they learn of it. */
  formerHandlerId?: string | null;
}

const WORKERS = new Set(["REPRESENTATIVE", "MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"]);

/**
 * Scope (manual chapter 2 and 7): a representative sees complaints they received or handle; a manager
 * their team's (received or handled by a team member); a supervisor their department's; the system
 * administrator all. Other positions see none. As data: the read rule and the README table use it.
 */
export const COMPLAINT_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  SUPERVISOR: "department",
  HEAD_OFFICE_SENIOR: "all",
  MANAGER: "team",
  REPRESENTATIVE: "own",
  RISK_OFFICER: "none",
  SECURITY_OFFICER: "none",
  TRAINER: "none",
  EQUIPMENT_ADMINISTRATOR: "none",
  FINANCE_APPROVER: "none",
};

export function inScope(v: Viewer, c: ScopeFacts): boolean {
  switch (COMPLAINT_SCOPE[v.position]) {
    case "all":
      return true;
    case "department":
      return c.departmentId === v.departmentId;
    case "team":
      if (v.teamId !== null && (c.receiverTeamId === v.teamId || c.handlerTeamId === v.teamId)) return true;
      return ownCase(v, c);
    case "own":
      return ownCase(v, c);
    default:
      return false;
  }
}

function ownCase(v: Viewer, c: ScopeFacts): boolean {
  return c.receivedById === v.id || c.handlerId === v.id || (c.formerHandlerId != null && c.formerHandlerId === v.id);
}

/** The same scope as a SQL condition on `complaints`. */
export function scopeCondition(v: Viewer): SQL {
  const own = () => or(eq(complaints.receivedById, v.id), eq(complaints.handlerId, v.id))!;
  switch (COMPLAINT_SCOPE[v.position]) {
    case "all":
      return sql`true`;
    case "department":
      return eq(complaints.departmentId, v.departmentId);
    case "team":
      return v.teamId ? or(own(), eq(complaints.receiverTeamId, v.teamId), eq(complaints.handlerTeamId, v.teamId))! : own();
    case "own":
      return own();
    default:
      return sql`false`;
  }
}

export function assertCanReceive(v: Viewer): void {
  if (!["REPRESENTATIVE", "MANAGER", "SUPERVISOR"].includes(v.position)) {
    throw forbidden("complaint receipt (customer service representatives, managers and supervisors)");
  }
}

/**
 * Working on a complaint at all is for the customer service positions; checked before the complaint is
 * read, so that the answer does not depend on whether it exists.
 */
export function assertWorksComplaints(v: Viewer): void {
  if (!WORKERS.has(v.position)) throw forbidden("work on complaints (customer service staff)");
}

/** Assigning is for managers and supervisors (and the system administrator); checked before the read. */
export function assertAssignsComplaints(v: Viewer): void {
  if (!["MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"].includes(v.position))
    throw forbidden("complaint assignment (managers; supervisors once escalated to them)");
}

/** Approving a resolution is for supervisors (and the system administrator); checked before the read. */
export function assertApprovesComplaints(v: Viewer): void {
  if (v.position !== "SUPERVISOR" && v.position !== "SYSTEM_ADMINISTRATOR") throw forbidden("resolution approval (the department's supervisor)");
}

/** Exclusion (回避) refused: the code every complaint step reports to the staff member complained about. */
export const CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST";

/**
 * Exclusion (回避, manual chapter 7): the staff member a complaint is about takes no part in it at any
 * step, whatever their position, the system administrator included.
 */
export function assertNotAccused(v: Viewer, c: { accusedStaffId: string | null }, field: string[] = ["complaintId"]): void {
  if (c.accusedStaffId !== null && c.accusedStaffId === v.id) {
    throw new DomainError(CONFLICT_OF_INTEREST, "The complaint is about you: you take no part in handling it (回避); another staff member must act.", field);
  }
}

/** Assignment at supervisor level is only a supervisor's (the complaint is already known to be in scope). */
export function assertCanAssign(v: Viewer, c: ScopeFacts & { level: number }): void {
  const ok = v.position === "SYSTEM_ADMINISTRATOR" || v.position === "SUPERVISOR" || (v.position === "MANAGER" && c.level < 2);
  if (!ok) throw forbidden("complaint assignment (managers; supervisors once escalated to them)");
}

/**
 * The second extension (beyond 30 days, to 60) needs a higher institution's approval (CBIRC order 2020
 * No. 3): the head-office senior approver's (总行高级审批岗), not a department supervisor's.
 */
export const isSeniorApprover = (v: Viewer) => v.position === "HEAD_OFFICE_SENIOR";

/** Extending a deadline: complaint workers the first time, the head-office senior approver the second. */
export function assertExtendsDeadlines(v: Viewer): void {
  if (!WORKERS.has(v.position) && !isSeniorApprover(v))
    throw forbidden("a deadline extension (complaint staff; beyond 30 days the head-office senior approver)");
}

/** Approving a resolution is the department supervisor's. */
export function isApprover(v: Viewer, c: ScopeFacts): boolean {
  return v.position === "SYSTEM_ADMINISTRATOR" || (v.position === "SUPERVISOR" && v.departmentId === c.departmentId);
}

/** Statistics are for managers, supervisors and the system administrator. */
export function assertCanSeeStatistics(v: Viewer): void {
  if (!["MANAGER", "SUPERVISOR", "SYSTEM_ADMINISTRATOR"].includes(v.position)) throw forbidden("complaint statistics");
}
