import type { Logger } from "pino";
import type { EventHub, LiveEvent, NewEvent } from "../../shared/events/hub";
import type { Viewer } from "../../core/viewer";

/** The event topic that carries "this member's session ended" to every instance (websockets close on it). */
export const SESSION_TOPIC = "SESSION";

/** Why a member's sessions ended. */
export type SessionEndReason = "LOGOUT" | "DEACTIVATED" | "POSITION_CHANGED";

/**
 * The live event that tells every instance a member's session ended: one session (sign-out) or all of
 * them (`sessionId` null: deactivation, position change). Written in the transaction of the change, so
 * it goes out on commit and never for a change that rolled back.
 */
export function sessionEnded(staffId: string, sessionId: string | null, reason: SessionEndReason): NewEvent {
  return { topic: SESSION_TOPIC, kind: "ENDED", entityType: "Staff", entityId: staffId, payload: { sessionId, reason } };
}

/** Marks a viewer's session as over: every check of its expiry (new operations, live events) now fails. */
export function endViewer(viewer: Viewer): void {
  viewer.expiresAt = new Date(0);
}

type Tracked = { viewer: Viewer; close: () => void };

/** How long a signal is remembered for connections whose token check was under way when it arrived. */
const REMEMBER_MS = 60_000;

/**
 * One per process: the open websockets of each member, ended when a session-ended signal arrives from
 * any instance (through the event table and LISTEN/NOTIFY). Ending marks the socket's viewer (no new
 * operation starts, no further event is sent) and closes the socket.
 */
export class SessionWatch {
  private readonly byStaff = new Map<string, Set<Tracked>>();
  /** Recent signals by staff id: [when received (ms), session id or null for all]. */
  private readonly recent = new Map<string, { at: number; sessionId: string | null }[]>();
  private readonly unsubscribe: () => void;

  constructor(
    hub: EventHub,
    private readonly log: Logger,
  ) {
    this.unsubscribe = hub.subscribe((event) => this.onEvent(event), { internal: true });
  }

  private onEvent(event: LiveEvent): void {
    if (event.topic !== SESSION_TOPIC || event.kind !== "ENDED") return;
    const staffId = event.entityId;
    const sessionId = typeof event.payload.sessionId === "string" ? event.payload.sessionId : null;
    const now = Date.now();
    const list = (this.recent.get(staffId) ?? []).filter((r) => now - r.at < REMEMBER_MS);
    list.push({ at: now, sessionId });
    this.recent.set(staffId, list);
    if (this.recent.size > 10_000) this.forgetOld(now);
    const sockets = this.byStaff.get(staffId);
    if (!sockets) return;
    let closed = 0;
    for (const t of [...sockets]) {
      if (sessionId !== null && t.viewer.sessionId !== sessionId) continue;
      endViewer(t.viewer);
      sockets.delete(t);
      closed++;
      try {
        t.close();
      } catch (err) {
        this.log.warn({ err: { message: (err as Error).message } }, "closing an ended session's socket failed");
      }
    }
    if (sockets.size === 0) this.byStaff.delete(staffId);
    if (closed > 0) this.log.info({ staffId, closed, reason: event.payload.reason }, "sockets of an ended session closed");
  }

  private forgetOld(now: number): void {
    for (const [id, list] of this.recent) if (list.every((r) => now - r.at >= REMEMBER_MS)) this.recent.delete(id);
  }

  /**
   * Starts watching a socket's viewer; `checkStartedAt` is when its token check began: a signal that
   * arrived since then may have been missed by that check, so the socket is refused (false).
   */
  track(viewer: Viewer, checkStartedAt: number, close: () => void): (() => void) | null {
    const missed = this.recent.get(viewer.id)?.some((r) => r.at >= checkStartedAt && (r.sessionId === null || r.sessionId === viewer.sessionId));
    if (missed) {
      endViewer(viewer);
      return null;
    }
    const t: Tracked = { viewer, close };
    let set = this.byStaff.get(viewer.id);
    if (!set) this.byStaff.set(viewer.id, (set = new Set()));
    set.add(t);
    return () => {
      const s = this.byStaff.get(viewer.id);
      s?.delete(t);
      if (s && s.size === 0) this.byStaff.delete(viewer.id);
    };
  }

  stop(): void {
    this.unsubscribe();
    this.byStaff.clear();
    this.recent.clear();
  }
}
