import { type SQL, eq, inArray, sql } from "drizzle-orm";
import type { ScopeLevel } from "../../core/access";
import type { PositionName, Viewer } from "../../core/viewer";
import { staff } from "../organisation";

/** What a scope decision needs about the staff member a training record belongs to. */
export interface MemberFacts {
  id: string;
  departmentId: string;
  teamId: string | null;
}

/**
 * Whose enrolments, scores and certifications a position sees (manual chapter 9, and chapter 2's scope):
 * trainers, the head office and the system administrator all; a supervisor their department's members;
 * a manager their team's and their own; everybody else their own.
 */
export const TRAINING_RECORD_SCOPE: Readonly<Record<PositionName, ScopeLevel>> = {
  SYSTEM_ADMINISTRATOR: "all",
  TRAINER: "all",
  HEAD_OFFICE_SENIOR: "all",
  SUPERVISOR: "department",
  MANAGER: "team",
  REPRESENTATIVE: "own",
  RISK_OFFICER: "own",
  SECURITY_OFFICER: "own",
  EQUIPMENT_ADMINISTRATOR: "own",
  FINANCE_APPROVER: "own",
};

export function seesMember(v: Viewer | { id: string; position: string; departmentId: string; teamId: string | null }, m: MemberFacts): boolean {
  switch (TRAINING_RECORD_SCOPE[v.position as PositionName]) {
    case "all":
      return true;
    case "department":
      return m.departmentId === v.departmentId;
    case "team":
      return m.id === v.id || (v.teamId !== null && m.teamId === v.teamId);
    case "own":
      return m.id === v.id;
    default:
      return false;
  }
}

/** The same scope as a SQL condition on a `staff_id` column. */
export function memberCondition(v: Viewer, staffIdColumn: Parameters<typeof eq>[0]): SQL {
  switch (TRAINING_RECORD_SCOPE[v.position]) {
    case "all":
      return sql`true`;
    case "department":
      return inArray(staffIdColumn, sql`(select ${staff.id} from ${staff} where ${staff.departmentId} = ${v.departmentId})`);
    case "team":
      return v.teamId
        ? inArray(staffIdColumn, sql`(select ${staff.id} from ${staff} where ${staff.teamId} = ${v.teamId} or ${staff.id} = ${v.id})`)
        : eq(staffIdColumn, v.id);
    case "own":
      return eq(staffIdColumn, v.id);
    default:
      return sql`false`;
  }
}

/** Plans, courses and sessions are made by trainers (and the system administrator). */
export const canManageTraining = (v: Viewer) => v.position === "TRAINER" || v.position === "SYSTEM_ADMINISTRATOR";

/** Attendance and scores are the session's trainer's to record (or the system administrator's). */
export const canRecordFor = (v: Viewer, session: { trainerId: string }) => v.position === "SYSTEM_ADMINISTRATOR" || session.trainerId === v.id;

/** Enrolling another member: trainers and administrators anyone, a supervisor their department, a manager their team. */
export function canEnrolOther(v: Viewer, m: MemberFacts): boolean {
  if (canManageTraining(v)) return true;
  if (v.position === "SUPERVISOR") return m.departmentId === v.departmentId;
  if (v.position === "MANAGER") return v.teamId !== null && m.teamId === v.teamId;
  return false;
}

/** Which certification kinds are enforced is the system administrator's setting. */
export const canSetRequirements = (v: Viewer) => v.position === "SYSTEM_ADMINISTRATOR";
