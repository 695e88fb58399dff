import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { runDeadlineWatch } from "../../../src/modules/complaints";
import { addWorkingDays } from "../../../src/modules/complaints/complaint.deadline";
import { type TestServer, startTestServer } from "../../helpers/server";
import { newRepresentative } from "../training/helpers";
import { type Tokens, call, count, makeCustomer, openComplaint, staffId, tokens } from "./helpers";

const DAY = 86400_000;
// Friday 27 November 2026, 10:00 in Beijing.
const FRIDAY = new Date("2026-11-27T02:00:00Z");
let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer({ clock: new ManualClock(FRIDAY) });
  t = await tokens(s);
});
afterAll(() => s?.close());

const events = (id: string, kind: string) => count(s, "select count(*) n from events where entity_id = $1 and kind = $2", [id, kind]);

async function move(ms: number) {
  s.clock.advance(ms);
  t = await tokens(s); // tokens expire as the clock moves
}

/** A LOW complaint handled by rep1 and decided (the resolution stands at once). */
async function decided(): Promise<string> {
  const id = await openComplaint(s, t);
  await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "Looked into it." });
  const r = await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "Apology and a fee refund." });
  expect(r.complaint!.status).toBe("RESOLVED");
  return id;
}

describe("the second extension needs the head-office senior approver", () => {
  it("when the senior approver asks for the first extension, or anyone extends a review, then refused", async () => {
    const senior = await s.login("senior");
    const id = await openComplaint(s, t);
    expect((await call(s, senior, "complaintExtendDeadline", { complaintId: id, reason: "Complex." })).error).toBe("FORBIDDEN");
    expect((await call(s, t.trainer, "complaintExtendDeadline", { complaintId: id, reason: "Complex." })).error).toBe("FORBIDDEN");
    const first = await call(s, t.rep1, "complaintExtendDeadline", { complaintId: id, reason: "Complex." });
    expect(first.complaint!.deadlineDays).toBe(30);
    const second = await call(s, senior, "complaintExtendDeadline", { complaintId: id, reason: "Especially complex.", customerInformedBy: "PHONE" });
    expect(second.complaint!.deadlineDays).toBe(60);
  });
});

describe("the decision's receipt and the review (核查)", () => {
  it("when the customer received the decision days after it, then the 30-day review window runs from that receipt", async () => {
    const id = await decided();
    const decidedAt = s.clock.now().getTime();
    await move(6 * DAY);
    const future = await call(s, t.rep1, "complaintRecordFeedback", {
      complaintId: id,
      method: "LETTER",
      receivedAt: new Date(s.clock.now().getTime() + DAY).toISOString(),
    });
    expect(future.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["receivedAt"] });
    const early = await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "LETTER", receivedAt: new Date(decidedAt - DAY).toISOString() });
    expect(early.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["receivedAt"] });
    const receivedAt = new Date(decidedAt + 5 * DAY).toISOString();
    const f = await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "LETTER", receivedAt, satisfaction: "DISSATISFIED" });
    expect(f.userErrors).toEqual([]);
    const q = await s.gql(`query($id: ID!) { complaint(id: $id) { customerToldAt customerToldHow } }`, { id }, t.rep1);
    expect(q.data.complaint).toEqual({ customerToldAt: receivedAt, customerToldHow: "LETTER" });
    // 33 days after the decision, 28 after the receipt: still in time.
    await move(27 * DAY);
    const r = await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "The refund is not enough." });
    expect(r.userErrors).toEqual([]);
    expect(r.complaint).toMatchObject({ status: "UNDER_REVIEW", deadlineDays: 30, reviewCount: 1 });
  });

  it("when no receipt is recorded, then a review is refused until it is", async () => {
    const id = await decided();
    const r = await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "Not happy." });
    expect(r.userErrors[0]).toMatchObject({ code: "DECISION_NOT_RECEIVED", field: ["complaintId"] });
  });

  it("when a review is under way, then its 30 days are not extended; once it is decided, a second review of that decision is refused", async () => {
    const id = await decided();
    await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "PHONE" });
    const r = await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "Not happy." });
    expect(r.complaint!.level).toBe(1);
    const assigned = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "manager") });
    expect(assigned.complaint!.status).toBe("ASSIGNED");
    const ext = await call(s, t.manager, "complaintExtendDeadline", { complaintId: id, reason: "Need more time." });
    expect(ext.userErrors[0]).toMatchObject({ code: "CONFLICT" });
    await call(s, t.manager, "complaintAddNote", { complaintId: id, note: "Reviewed." });
    const again = await call(s, t.manager, "complaintProposeResolution", { complaintId: id, resolution: "The first decision stands." });
    expect(again.complaint!.status).toBe("RESOLVED");
    await call(s, t.manager, "complaintRecordFeedback", { complaintId: id, method: "PHONE" });
    const second = await call(s, t.manager, "complaintRequestReview", { complaintId: id, reason: "Still not happy." });
    expect(second.userErrors[0]).toMatchObject({ code: "REVIEW_ALREADY_HELD" });
    expect(await events(id, "REOPENED")).toBe(1);
  });

  it("when the customer's feedback is recorded, then a live FEEDBACK_RECORDED event is emitted like the other steps", async () => {
    const id = await decided();
    await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "SMS", satisfaction: "SATISFIED" });
    expect(await events(id, "FEEDBACK_RECORDED")).toBe(1);
    const rows = await s.database.query<{ payload: { status: string; note: string } }>(
      "select payload from events where entity_id = $1 and kind = 'FEEDBACK_RECORDED'",
      [id],
    );
    expect(rows[0].payload.status).toBe("RESOLVED");
    expect(rows[0].payload.note).toContain("SATISFIED");
  });
});

describe("internal targets by severity (first contact)", () => {
  it("when computed, then working days skip the weekend on the Beijing calendar", () => {
    expect(addWorkingDays(FRIDAY, 1).toISOString()).toBe("2026-11-30T02:00:00.000Z");
    expect(addWorkingDays(FRIDAY, 2).toISOString()).toBe("2026-12-01T02:00:00.000Z");
    // Friday 23:00 in Beijing is still Friday there (15:00 UTC).
    expect(addWorkingDays(new Date("2026-11-27T15:00:00Z"), 1).toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });

  it("when critical and high complaints are classified on a Friday, then first contact is due Monday and Tuesday; the watch flags the one missed, once", async () => {
    s.clock.set(FRIDAY);
    t = await tokens(s);
    const critical = await openComplaint(s, t, { severity: "CRITICAL", customerId: await makeCustomer(s, "Critical One") });
    const high = await openComplaint(s, t, { severity: "HIGH", customerId: await makeCustomer(s, "High One") });
    const low = await openComplaint(s, t, { severity: "LOW", customerId: await makeCustomer(s, "Low One") });
    const due = async (id: string) =>
      (await s.gql(`query($id: ID!) { complaint(id: $id) { firstContactDueAt firstContactAt } }`, { id }, t.supervisor)).data.complaint;
    // Received a moment after Friday 10:00 (the clock does not move while the steps run).
    expect((await due(critical)).firstContactDueAt).toBe("2026-11-30T02:00:00.000Z");
    expect((await due(high)).firstContactDueAt).toBe("2026-12-01T02:00:00.000Z");
    expect((await due(low)).firstContactDueAt).toBeNull();

    await move(3 * DAY + 3600_000); // Monday 11:00
    const bad = await call(s, t.rep1, "complaintRecordFirstContact", {
      complaintId: high,
      method: "PHONE",
      contactedAt: new Date(s.clock.now().getTime() + 60_000).toISOString(),
    });
    expect(bad.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["contactedAt"] });
    expect((await call(s, t.rep2, "complaintRecordFirstContact", { complaintId: high, method: "PHONE" })).userErrors[0].code).toBe("NOT_FOUND");
    expect((await call(s, t.rep1, "complaintRecordFirstContact", { complaintId: high, method: "PHONE" })).userErrors).toEqual([]);
    expect((await call(s, t.rep1, "complaintRecordFirstContact", { complaintId: high, method: "PHONE" })).userErrors[0].code).toBe("CONFLICT");
    expect((await due(high)).firstContactAt).toBe(s.clock.now().toISOString());

    const first = await runDeadlineWatch(s.app);
    expect(first.contactMissed).toBe(1);
    await move(2 * DAY); // past Tuesday's target too: the high one was contacted in time
    expect((await runDeadlineWatch(s.app)).contactMissed).toBe(0);
    expect(await events(critical, "FIRST_CONTACT_TARGET_MISSED")).toBe(1);
    expect(await events(high, "FIRST_CONTACT_TARGET_MISSED")).toBe(0);
    expect(await events(low, "FIRST_CONTACT_TARGET_MISSED")).toBe(0);
  });

  it("when the targets are configured differently, then a new classification follows them", async () => {
    await s.database.query("update complaint_severity_targets set first_contact_working_days = 3 where severity = 'HIGH'");
    const now = s.clock.now();
    const id = await openComplaint(s, t, { severity: "HIGH", customerId: await makeCustomer(s, "High Two") });
    const r = await s.gql(`query($id: ID!) { complaint(id: $id) { firstContactDueAt receivedAt } }`, { id }, t.supervisor);
    expect(r.data.complaint.firstContactDueAt).toBe(addWorkingDays(new Date(r.data.complaint.receivedAt), 3).toISOString());
    expect(new Date(r.data.complaint.firstContactDueAt).getTime()).toBeGreaterThanOrEqual(now.getTime() + 3 * DAY);
  });
});

describe("complaint handling gated on certification when configured", () => {
  it("when COMPLAINT_HANDLING is enforced, then a high complaint is not assigned to a member without it; a low one is", async () => {
    const rep3 = await newRepresentative(s, "rep3c");
    const high = await openComplaint(s, t, { severity: "HIGH", handler: "none", customerId: await makeCustomer(s, "Gate High") });
    const low = await openComplaint(s, t, { severity: "LOW", handler: "none", customerId: await makeCustomer(s, "Gate Low") });
    const admin = await s.login("admin");
    const set = await s.gql(
      `mutation { certificationRequirementSet(input: { kind: COMPLAINT_HANDLING, enforced: true }) { requirement { enforced } userErrors { code } } }`,
      {},
      admin,
    );
    expect(set.data.certificationRequirementSet.requirement.enforced).toBe(true);
    const refused = await call(s, t.manager, "complaintAssign", { complaintId: high, handlerId: rep3 });
    expect(refused.userErrors[0]).toMatchObject({ code: "CERTIFICATION_REQUIRED", field: ["handlerId"] });
    expect((await call(s, t.manager, "complaintAssign", { complaintId: high, handlerId: await staffId(s, "rep1") })).userErrors).toEqual([]);
    expect((await call(s, t.manager, "complaintAssign", { complaintId: low, handlerId: rep3 })).userErrors).toEqual([]);
  });
});
