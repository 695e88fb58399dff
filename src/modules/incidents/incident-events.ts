import type { MutationScope } from "../../shared/mutation";
import type { LiveEvent, NewEvent } from "../../shared/events/hub";
import type { Viewer } from "../../core/viewer";
import { canSeeAllEmergencies } from "../emergency";
import { canSeeAllSecurityIncidents } from "../security";

export const INCIDENT_EVENT_KINDS = [
  "REPORTED",
  "LEVEL_CHANGED",
  "PLAN_ACTIVATED",
  "STEP_DONE",
  "STATUS_CHANGED",
  "UPDATE_ADDED",
  "REPORT_FILED",
  "DEADLINE_BREACHED",
  "CLOSED",
] as const;
export type IncidentEventKindName = (typeof INCIDENT_EVENT_KINDS)[number];
export type IncidentKindName = "EMERGENCY" | "SECURITY";

/** Rank of a level for "at least" filters: 1 is the gravest. */
export const LEVEL_RANK: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const SEVERITY_LEVEL: Record<string, string> = { CRITICAL: "I", HIGH: "II", MEDIUM: "III", LOW: "IV" };
export const severityToLevel = (severity: string) => SEVERITY_LEVEL[severity] ?? "IV";

/**
 * What every incident event carries, so that filtering and authorising a subscriber needs no query:
 * the incident's kind, level, status and reporter.
 */
export interface IncidentEventPayload {
  incidentKind: IncidentKindName;
  level: string;
  status: string;
  reporterId: string;
  note: string | null;
}

/** The event row of an incident change; every payload carries what subscribers filter and authorise on. */
export function incidentEvent(
  kind: IncidentEventKindName,
  incident: { id: string; departmentId: string; reporterId: string; status: string },
  info: { incidentKind: IncidentKindName; level: string; note?: string | null },
): NewEvent {
  const payload: IncidentEventPayload = {
    incidentKind: info.incidentKind,
    level: info.level,
    status: incident.status,
    reporterId: incident.reporterId,
    note: info.note ?? null,
  };
  return {
    topic: "INCIDENT",
    kind,
    entityType: info.incidentKind === "EMERGENCY" ? "EmergencyIncident" : "SecurityIncident",
    entityId: incident.id,
    departmentId: incident.departmentId,
    payload: payload as unknown as Record<string, unknown>,
  };
}

export function emitIncidentEvent(m: MutationScope, ...args: Parameters<typeof incidentEvent>): void {
  m.emit(incidentEvent(...args));
}

export interface IncidentEventFilter {
  incidentKind?: IncidentKindName | null;
  eventKinds?: string[] | null;
  levelAtLeast?: string | null;
  departmentId?: string | null;
  incidentId?: string | null;
}

/** Whether the viewer may see this event: handlers see all of their kind, anyone else their own reports only. */
export function viewerMaySee(viewer: Viewer, event: LiveEvent): boolean {
  const p = event.payload as unknown as IncidentEventPayload;
  const all = p.incidentKind === "EMERGENCY" ? canSeeAllEmergencies(viewer) : canSeeAllSecurityIncidents(viewer);
  return all || p.reporterId === viewer.id;
}

export function matchesFilter(filter: IncidentEventFilter | null | undefined, event: LiveEvent): boolean {
  if (!filter) return true;
  const p = event.payload as unknown as IncidentEventPayload;
  if (filter.incidentKind && p.incidentKind !== filter.incidentKind) return false;
  if (filter.eventKinds && filter.eventKinds.length > 0 && !filter.eventKinds.includes(event.kind)) return false;
  if (filter.levelAtLeast && (LEVEL_RANK[p.level] ?? 4) > (LEVEL_RANK[filter.levelAtLeast] ?? 4)) return false;
  if (filter.departmentId && event.departmentId !== filter.departmentId) return false;
  if (filter.incidentId && event.entityId !== filter.incidentId) return false;
  return true;
}
