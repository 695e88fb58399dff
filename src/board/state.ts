// What the board knows, and how each event changes it: pure functions, no DOM, so they are tested on their own.
import type {
  BoardComplaintEventsSubscription,
  BoardComplaintFragment,
  BoardEmergencyFragment,
  BoardIncidentEventsSubscription,
  BoardRiskAlertEventsSubscription,
  BoardRiskAlertFragment,
  BoardSecurityFragment,
  ComplaintStatus,
} from "./gql/graphql";

export type ComplaintEvent = BoardComplaintEventsSubscription["complaintEvents"];
export type IncidentEvent = BoardIncidentEventsSubscription["incidentEvents"];
export type RiskEvent = BoardRiskAlertEventsSubscription["riskAlerts"];

/** A complaint as shown, with its deadline on this browser's clock (the server's clock may differ). */
export interface ShownComplaint extends BoardComplaintFragment {
  /** `Date.now()` at which the deadline falls, from the server's `timeLeftSeconds` when the snapshot arrived. */
  deadlineLocalMs: number;
}

/** One line of the arrivals feed (new, escalated, breached …), newest first. */
export interface Arrival {
  seq: string;
  kind: string;
  at: string;
  reference: string;
  subject: string;
}

export interface BoardState {
  complaints: Map<string, ShownComplaint>;
  emergency: Map<string, BoardEmergencyFragment>;
  security: Map<string, BoardSecurityFragment>;
  /** Open risk alerts (风险预警) awaiting a risk officer's review. */
  riskAlerts: Map<string, BoardRiskAlertFragment>;
  arrivals: Arrival[];
  /** Complaints received per hour today (local hours), and on the same weekday last week. */
  receivedToday: number[];
  receivedLastWeek: number[];
  /** Complaints already counted in today's hours (by the first picture or a live event): none counts twice. */
  countedToday: Set<string>;
  /** The last event sequence applied per feed; a replay after a reconnect starts after it. */
  lastComplaintSeq: string | null;
  lastIncidentSeq: string | null;
  lastRiskSeq: string | null;
}

/** Undecided complaints: the ones a supervisor watches against their deadline. */
export const OPEN_COMPLAINT: ReadonlySet<ComplaintStatus> = new Set<ComplaintStatus>([
  "RECEIVED",
  "CLASSIFIED",
  "ASSIGNED",
  "INVESTIGATING",
  "ESCALATED",
  "AWAITING_APPROVAL",
  "UNDER_REVIEW",
]);
const CLOSED_EMERGENCY = new Set(["CLOSED"]);
const CLOSED_SECURITY = new Set(["REVIEWED"]);

/** Event kinds announced in the arrivals feed (and read out by screen readers). */
export const ANNOUNCED: ReadonlySet<string> = new Set(["CREATED", "ESCALATED", "DEADLINE_BREACHED", "DEADLINE_APPROACHING", "REOPENED", "ALERT_RAISED"]);
const ARRIVALS_KEPT = 50;

export function emptyState(): BoardState {
  return {
    complaints: new Map(),
    emergency: new Map(),
    security: new Map(),
    riskAlerts: new Map(),
    arrivals: [],
    receivedToday: new Array(24).fill(0),
    receivedLastWeek: new Array(24).fill(0),
    countedToday: new Set(),
    lastComplaintSeq: null,
    lastIncidentSeq: null,
    lastRiskSeq: null,
  };
}

export function shown(c: BoardComplaintFragment, nowMs: number): ShownComplaint {
  const left = c.timeLeftSeconds ?? Math.round((Date.parse(c.deadlineAt) - nowMs) / 1000);
  return { ...c, deadlineLocalMs: nowMs + left * 1000 };
}

/**
 * Where a feed resumes after a cut: after the last event it applied, or, when it has applied none yet, after
 * the newest event any feed applied (complaint, incident and risk events share one sequence, so nothing of
 * this feed's that came after that point is skipped).
 */
export function resumeAfter(state: BoardState, own: string | null): string | null {
  if (own !== null) return own;
  let newest: string | null = null;
  for (const seq of [state.lastComplaintSeq, state.lastIncidentSeq, state.lastRiskSeq]) if (seq !== null && isAfter(seq, newest)) newest = seq;
  return newest;
}

/** Whether `seq` comes after `last` (sequences are decimal strings of a bigint). */
export function isAfter(seq: string, last: string | null): boolean {
  return last === null || BigInt(seq) > BigInt(last);
}

/** Keeps the newer of two snapshots of one record (a replayed or late event never rolls the board back). */
function newer<T extends { updatedAt: string }>(current: T | undefined, next: T): boolean {
  return !current || Date.parse(next.updatedAt) >= Date.parse(current.updatedAt);
}

export function putComplaint(state: BoardState, c: BoardComplaintFragment, nowMs: number): void {
  if (!newer(state.complaints.get(c.id), c)) return;
  if (OPEN_COMPLAINT.has(c.status)) state.complaints.set(c.id, shown(c, nowMs));
  else state.complaints.delete(c.id);
}

export function putEmergency(state: BoardState, i: BoardEmergencyFragment): void {
  if (!newer(state.emergency.get(i.id), i)) return;
  if (CLOSED_EMERGENCY.has(i.status)) state.emergency.delete(i.id);
  else state.emergency.set(i.id, i);
}

export function putSecurity(state: BoardState, i: BoardSecurityFragment): void {
  if (!newer(state.security.get(i.id), i)) return;
  if (CLOSED_SECURITY.has(i.status)) state.security.delete(i.id);
  else state.security.set(i.id, i);
}

/** Local hour (0–23) of an instant, or -1 when it is not within [dayStartMs, dayStartMs + 24 h). */
export function hourOf(iso: string, dayStartMs: number): number {
  const ms = Date.parse(iso) - dayStartMs;
  return ms < 0 || ms >= 86_400_000 ? -1 : Math.floor(ms / 3_600_000);
}

/**
 * Applies one complaint event; false when it was applied already (a replay after a reconnect resends
 * what came before the cut, and nothing may count twice).
 */
export function applyComplaintEvent(state: BoardState, e: ComplaintEvent, nowMs: number, todayStartMs: number): boolean {
  if (!isAfter(e.seq, state.lastComplaintSeq)) return false;
  state.lastComplaintSeq = e.seq;
  // Null when the complaint left the viewer's scope (reassigned elsewhere): it leaves the board.
  if (e.complaint) putComplaint(state, e.complaint, nowMs);
  if (e.kind === "CREATED" && e.complaint && !state.countedToday.has(e.complaint.id)) {
    const h = hourOf(e.complaint.receivedAt, todayStartMs);
    if (h >= 0) {
      state.countedToday.add(e.complaint.id);
      state.receivedToday[h]++;
    }
  }
  if (ANNOUNCED.has(e.kind) && e.complaint) {
    state.arrivals.unshift({ seq: e.seq, kind: e.kind, at: e.at, reference: e.complaint.reference, subject: e.complaint.subject });
    state.arrivals.length = Math.min(state.arrivals.length, ARRIVALS_KEPT);
  }
  return true;
}

export function applyIncidentEvent(state: BoardState, e: IncidentEvent): boolean {
  if (!isAfter(e.seq, state.lastIncidentSeq)) return false;
  state.lastIncidentSeq = e.seq;
  if (e.emergencyIncident) putEmergency(state, e.emergencyIncident);
  if (e.securityIncident) putSecurity(state, e.securityIncident);
  return true;
}

export function putRiskAlert(state: BoardState, a: BoardRiskAlertFragment): void {
  if (a.status === "OPEN") state.riskAlerts.set(a.id, a);
  else state.riskAlerts.delete(a.id);
}

/** Applies one risk-alert event (raised, or reviewed away); false when applied already. */
export function applyRiskEvent(state: BoardState, e: RiskEvent): boolean {
  if (!isAfter(e.seq, state.lastRiskSeq)) return false;
  state.lastRiskSeq = e.seq;
  if (e.alert) putRiskAlert(state, e.alert);
  else state.riskAlerts.delete(e.alertId);
  if (ANNOUNCED.has(e.kind) && e.alert) {
    state.arrivals.unshift({ seq: e.seq, kind: e.kind, at: e.at, reference: e.alert.ruleCode, subject: e.alert.customerName });
    state.arrivals.length = Math.min(state.arrivals.length, ARRIVALS_KEPT);
  }
  return true;
}

export type Urgency = "breached" | "due-soon" | "normal";

/** Breached once the deadline passed; due soon within 2 days of it (the manual's warning window). */
export function urgency(c: ShownComplaint, nowMs: number): Urgency {
  const left = c.deadlineLocalMs - nowMs;
  if (c.overdue || left <= 0) return "breached";
  return left <= 2 * 86_400_000 ? "due-soon" : "normal";
}

/** Time left as `3天 04:05:06` / `3d 04:05:06`, negative once breached. */
export function countdown(ms: number, dayUnit: string): string {
  const sign = ms < 0 ? "−" : "";
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${sign}${d > 0 ? `${d}${dayUnit} ` : ""}${hh}:${mm}:${ss}`;
}

/** Counts of open complaints by a key (status, severity, handler). */
export function countBy<K extends string>(items: Iterable<ShownComplaint>, key: (c: ShownComplaint) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const c of items) out.set(key(c), (out.get(key(c)) ?? 0) + 1);
  return out;
}

/** Open complaints, most urgent first (deadline, then reference). */
export function byDeadline(state: BoardState): ShownComplaint[] {
  return [...state.complaints.values()].sort((a, b) => a.deadlineLocalMs - b.deadlineLocalMs || a.reference.localeCompare(b.reference));
}
