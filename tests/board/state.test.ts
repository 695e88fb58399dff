import { describe, expect, it } from "vitest";
import {
  type ComplaintEvent,
  type RiskEvent,
  applyComplaintEvent,
  applyRiskEvent,
  countdown,
  emptyState,
  putComplaint,
  resumeAfter,
  urgency,
} from "../../src/board/state";

const DAY = 86_400_000;
const now = Date.parse("2026-12-02T10:00:00Z");
const todayStart = Date.parse("2026-12-02T00:00:00Z");

function complaint(id: string, over: Partial<NonNullable<ComplaintEvent["complaint"]>> = {}): NonNullable<ComplaintEvent["complaint"]> {
  return {
    id,
    reference: `TS-${id}`,
    subject: "Queue",
    status: "RECEIVED",
    severity: null,
    receivedAt: "2026-12-02T09:30:00Z",
    deadlineAt: "2026-12-17T09:30:00Z",
    deadlineDays: 15,
    timeLeftSeconds: 15 * 86_400,
    overdue: false,
    updatedAt: "2026-12-02T09:30:00Z",
    handler: null,
    ...over,
  };
}

const event = (seq: string, kind: ComplaintEvent["kind"], c: ComplaintEvent["complaint"]): ComplaintEvent => ({
  seq,
  kind,
  at: "2026-12-02T09:30:00Z",
  status: c?.status ?? "RECEIVED",
  complaint: c,
});

describe("the board's state", () => {
  it("when an event is replayed after a reconnect, then it is applied once: no second arrival, no second count", () => {
    const s = emptyState();
    expect(applyComplaintEvent(s, event("10", "CREATED", complaint("a")), now, todayStart)).toBe(true);
    expect(applyComplaintEvent(s, event("10", "CREATED", complaint("a")), now, todayStart)).toBe(false);
    expect(applyComplaintEvent(s, event("9", "CREATED", complaint("z")), now, todayStart)).toBe(false);
    expect(s.arrivals.map((a) => a.reference)).toEqual(["TS-a"]);
    expect(s.receivedToday[9]).toBe(1);
    expect(s.lastComplaintSeq).toBe("10");
  });

  it("when the first picture already counted a complaint, then its live CREATED event does not count it again", () => {
    const s = emptyState();
    s.countedToday.add("a");
    s.receivedToday[9] = 1;
    applyComplaintEvent(s, event("11", "CREATED", complaint("a")), now, todayStart);
    expect(s.receivedToday[9]).toBe(1);
  });

  it("when an older snapshot arrives after a newer one, then the board keeps the newer; a decided complaint leaves the board", () => {
    const s = emptyState();
    putComplaint(s, complaint("a", { status: "ESCALATED", updatedAt: "2026-12-02T09:40:00Z" }), now);
    putComplaint(s, complaint("a", { status: "RECEIVED", updatedAt: "2026-12-02T09:30:00Z" }), now);
    expect(s.complaints.get("a")?.status).toBe("ESCALATED");
    applyComplaintEvent(s, event("12", "RESOLVED", complaint("a", { status: "RESOLVED", updatedAt: "2026-12-02T09:50:00Z" })), now, todayStart);
    expect(s.complaints.has("a")).toBe(false);
  });

  it("when an event says the complaint is out of the viewer's scope (null), then nothing is shown for it", () => {
    const s = emptyState();
    applyComplaintEvent(s, event("13", "ASSIGNED", null), now, todayStart);
    expect(s.complaints.size).toBe(0);
    expect(s.arrivals).toEqual([]);
  });

  it("when a deadline is two days or less away it is due soon, once passed breached; the countdown reads days and a clock", () => {
    const s = emptyState();
    putComplaint(s, complaint("a", { timeLeftSeconds: 2 * 86_400 - 1 }), now);
    putComplaint(s, complaint("b", { timeLeftSeconds: 3 * 86_400 }), now);
    putComplaint(s, complaint("c", { timeLeftSeconds: -5, overdue: true }), now);
    expect(urgency(s.complaints.get("a")!, now)).toBe("due-soon");
    expect(urgency(s.complaints.get("b")!, now)).toBe("normal");
    expect(urgency(s.complaints.get("c")!, now)).toBe("breached");
    expect(urgency(s.complaints.get("b")!, now + 2 * DAY)).toBe("due-soon");
    expect(countdown(DAY + 3_723_000, "天")).toBe("1天 01:02:03");
    expect(countdown(-61_000, "d")).toBe("−00:01:01");
  });

  it("when a risk alert is raised and then reviewed, then it shows while open and leaves once dismissed; a replay changes nothing", () => {
    const s = emptyState();
    const alert = {
      id: "ral_1",
      ruleCode: "RAPID_IN_OUT" as const,
      severity: "HIGH" as const,
      status: "OPEN" as const,
      customerName: "张*",
      createdAt: "2026-12-02T09:30:00Z",
    };
    const raised: RiskEvent = { seq: "20", kind: "ALERT_RAISED", at: alert.createdAt, alertId: alert.id, status: "OPEN", alert };
    expect(applyRiskEvent(s, raised)).toBe(true);
    expect(applyRiskEvent(s, raised)).toBe(false);
    expect([...s.riskAlerts.keys()]).toEqual(["ral_1"]);
    expect(s.arrivals.map((a) => a.kind)).toEqual(["ALERT_RAISED"]);
    applyRiskEvent(s, { ...raised, seq: "21", kind: "ALERT_DISMISSED", status: "DISMISSED", alert: { ...alert, status: "DISMISSED" } });
    expect(s.riskAlerts.size).toBe(0);
    expect(s.arrivals).toHaveLength(1);
  });

  it("when a feed that has applied nothing resumes after a cut, then it resumes after the newest event any feed applied (one shared sequence)", () => {
    const s = emptyState();
    expect(resumeAfter(s, s.lastRiskSeq)).toBeNull();
    s.lastComplaintSeq = "9";
    s.lastIncidentSeq = "12";
    expect(resumeAfter(s, s.lastRiskSeq)).toBe("12");
    expect(resumeAfter(s, s.lastComplaintSeq)).toBe("9");
  });
});
