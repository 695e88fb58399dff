/** Positions (岗位) of chapter 2.2 and the roles later chapters need; a position maps to permissions. */
export const POSITIONS = [
  "REPRESENTATIVE",
  "MANAGER",
  "SUPERVISOR",
  "HEAD_OFFICE_SENIOR",
  "RISK_OFFICER",
  "SECURITY_OFFICER",
  "TRAINER",
  "EQUIPMENT_ADMINISTRATOR",
  "FINANCE_APPROVER",
  "SYSTEM_ADMINISTRATOR",
] as const;
export type PositionName = (typeof POSITIONS)[number];

/** The signed-in staff member making a request. */
export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  position: PositionName;
  departmentId: string;
  departmentCode: string;
  teamId: string | null;
  sessionId: string;
  /** When the token stops being valid (websockets close then). */
  expiresAt: Date;
}

export const isAdmin = (v: Viewer) => v.position === "SYSTEM_ADMINISTRATOR";
export const isHr = (v: Viewer) => v.departmentCode === "HUMAN_RESOURCES";
