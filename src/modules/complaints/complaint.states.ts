import { DomainError, ErrorCode } from "../../core/errors";
import { StateMachine } from "../../shared/state-machine";
import type { ComplaintStatus, Severity } from "./complaint.table";

/**
 * The complaint lifecycle (投诉处理流程), manual chapter 7. Escalation (升级) hands the complaint to a
 * higher level, which assigns it again; a review (核查) reopens a decided complaint.
 */
export const complaintMachine = new StateMachine<ComplaintStatus>("Complaint", {
  RECEIVED: ["CLASSIFIED", "ESCALATED", "WITHDRAWN"],
  CLASSIFIED: ["ASSIGNED", "ESCALATED", "WITHDRAWN"],
  ASSIGNED: ["INVESTIGATING", "ESCALATED", "WITHDRAWN"],
  INVESTIGATING: ["AWAITING_APPROVAL", "RESOLVED", "ESCALATED", "WITHDRAWN"],
  AWAITING_APPROVAL: ["RESOLVED", "INVESTIGATING", "ESCALATED", "WITHDRAWN"],
  ESCALATED: ["ASSIGNED", "WITHDRAWN"],
  UNDER_REVIEW: ["ASSIGNED", "ESCALATED", "WITHDRAWN"],
  RESOLVED: ["CLOSED", "UNDER_REVIEW"],
  CLOSED: ["UNDER_REVIEW"],
  WITHDRAWN: [],
});

/** States in which the decision is still pending: the deadline runs. */
export const OPEN_STATES: readonly ComplaintStatus[] = [
  "RECEIVED",
  "CLASSIFIED",
  "ASSIGNED",
  "INVESTIGATING",
  "AWAITING_APPROVAL",
  "ESCALATED",
  "UNDER_REVIEW",
];

/** Refuses an action that keeps the status (a note, a reassignment) in a state that does not allow it. */
export function assertStatusIn(status: ComplaintStatus, allowed: readonly ComplaintStatus[], action: string): void {
  if (allowed.includes(status)) return;
  throw new DomainError(ErrorCode.INVALID_STATE_TRANSITION, `Complaint is ${status}: ${action} is possible only when it is ${allowed.join(", ")}.`, null, {
    currentState: status,
    allowedStates: [...allowed],
  });
}

export const SEVERITY_RANK: Record<Severity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

/** High and critical complaints need a supervisor's approval of the resolution (maker-checker). */
export const needsApproval = (severity: Severity | null) => severity === "HIGH" || severity === "CRITICAL";

export const LEVEL_NAMES = ["REPRESENTATIVE", "MANAGER", "SUPERVISOR"] as const;
