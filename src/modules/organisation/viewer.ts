import type { PositionName } from "./organisation.table";

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
