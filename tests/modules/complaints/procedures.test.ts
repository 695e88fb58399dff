import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { HIDDEN, type Tokens, call, count, makeCustomer, openComplaint, staffId, tokens } from "./helpers";

let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer();
  t = await tokens(s);
});
afterAll(() => s?.close());

describe("complaintReceive (投诉接收)", () => {
  it("when a representative receives a complaint, then it gets a TS reference, a 15-day deadline and a timeline entry", async () => {
    const customerId = await makeCustomer(s);
    const r = await call(s, t.rep1, "complaintReceive", { customerId, channel: "COUNTER", subject: "  Rude teller ", description: "Shouted at me." });
    expect(r.userErrors).toEqual([]);
    const c = r.complaint!;
    expect(c.reference).toMatch(/^TS-\d{8}-\d{6}$/);
    expect(c.reference.slice(3, 11)).toBe(s.clock.now().toISOString().slice(0, 10).replace(/-/g, ""));
    expect(c.status).toBe("RECEIVED");
    expect(c.deadlineDays).toBe(15);
    expect(new Date(c.deadlineAt).getTime() - s.clock.now().getTime()).toBe(15 * 86400_000);
    expect(c.receivedBy.username).toBe("rep1");
    expect(c.visitId).toBeNull();
    expect(await count(s, "select count(*) n from complaint_timeline where complaint_id = $1", [c.id])).toBe(1);
    expect(await count(s, "select count(*) n from audit_log where target_id = $1 and action = 'complaint.receive'", [c.id])).toBe(1);
  });

  it("when two complaints are received, then their reference numbers differ", async () => {
    const customerId = await makeCustomer(s);
    const a = await call(s, t.rep1, "complaintReceive", { customerId, channel: "PHONE", subject: "A", description: "a" });
    const b = await call(s, t.supervisor, "complaintReceive", { customerId, channel: "EMAIL", subject: "B", description: "b" });
    expect(a.complaint!.reference).not.toBe(b.complaint!.reference);
  });

  it("when the customer is unknown, the subject empty or the description too long, then a coded userError and nothing written", async () => {
    const before = await count(s, "select count(*) n from complaints");
    const customerId = await makeCustomer(s);
    const unknown = await call(s, t.rep1, "complaintReceive", {
      customerId: "cus_01ABCDEFGHJKMNPQRSTVWXYZ01",
      channel: "PHONE",
      subject: "x",
      description: "y",
    });
    expect(unknown.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    const empty = await call(s, t.rep1, "complaintReceive", { customerId, channel: "PHONE", subject: "   ", description: "y" });
    expect(empty.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["subject"] });
    const long = await call(s, t.rep1, "complaintReceive", { customerId, channel: "PHONE", subject: "x", description: "y".repeat(5001) });
    expect(long.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["description"] });
    const accused = await call(s, t.rep1, "complaintReceive", {
      customerId,
      channel: "PHONE",
      subject: "x",
      description: "y",
      accusedStaffId: "stf_01ABCDEFGHJKMNPQRSTVWXYZ01",
    });
    expect(accused.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["accusedStaffId"] });
    expect(await count(s, "select count(*) n from complaints")).toBe(before);
  });

  it("when a trainer or an anonymous caller receives a complaint, then FORBIDDEN or UNAUTHENTICATED", async () => {
    const customerId = await makeCustomer(s);
    expect((await call(s, t.trainer, "complaintReceive", { customerId, channel: "PHONE", subject: "x", description: "y" })).error).toBe("FORBIDDEN");
    expect((await call(s, null, "complaintReceive", { customerId, channel: "PHONE", subject: "x", description: "y" })).error).toBe("UNAUTHENTICATED");
  });

  it("when the same idempotency key is reused, then the first result returns; with another request, a mismatch", async () => {
    const customerId = await makeCustomer(s);
    const input = { customerId, channel: "ONLINE", subject: "Fee", description: "Charged twice", idempotencyKey: "recv-key-0001" };
    const first = await call(s, t.rep1, "complaintReceive", input);
    const again = await call(s, t.rep1, "complaintReceive", input);
    expect(again.replayed).toBe(true);
    expect(again.complaint!.id).toBe(first.complaint!.id);
    const other = await call(s, t.rep1, "complaintReceive", { ...input, subject: "Other" });
    expect(other.userErrors[0].code).toBe("IDEMPOTENCY_KEY_MISMATCH");
  });
});

describe("complaintClassify (投诉分类)", () => {
  it("when classified, then CLASSIFIED; reclassifying later keeps the state", async () => {
    const id = await openComplaint(s, t, { handler: "none" });
    const r = await call(s, t.rep1, "complaintClassify", { complaintId: id, category: "FEES_AND_CHARGES", businessLine: "CREDIT_CARDS", severity: "MEDIUM" });
    expect(r.complaint).toMatchObject({ status: "CLASSIFIED", category: "FEES_AND_CHARGES", severity: "MEDIUM" });
  });

  it("when another representative classifies it or the id is unknown, then the same NOT_FOUND; a closed one INVALID_STATE_TRANSITION", async () => {
    const id = await openComplaint(s, t, { handler: "none" });
    expect((await call(s, t.rep2, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" })).userErrors[0]).toEqual(
      HIDDEN,
    );
    const unknown = await call(s, t.rep1, "complaintClassify", {
      complaintId: "cmp_01ABCDEFGHJKMNPQRSTVWXYZ01",
      category: "OTHER",
      businessLine: "OTHER",
      severity: "LOW",
    });
    expect(unknown.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["complaintId"] });
    await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "Customer no longer cares." });
    const late = await call(s, t.rep1, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW", note: "n" });
    expect(late.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    expect(late.userErrors[0].message).toContain("WITHDRAWN");
  });
});

describe("complaintAssign (投诉分派, 回避)", () => {
  it("when a manager assigns and later reassigns with a note, then the handler changes and the state holds", async () => {
    const id = await openComplaint(s, t);
    const re = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2"), note: "rep1 on leave" });
    expect(re.complaint).toMatchObject({ status: "ASSIGNED", handler: { username: "rep2" } });
  });

  it("when the handler is the staff member complained about, then HANDLER_EXCLUDED and nothing written", async () => {
    const id = await openComplaint(s, t, { accused: "rep2", handler: "none" });
    const r = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") });
    expect(r.userErrors[0]).toMatchObject({ code: "HANDLER_EXCLUDED", field: ["handlerId"] });
    expect(await count(s, "select count(*) n from complaints where id = $1 and handler_id is null", [id])).toBe(1);
  });

  it("when a representative assigns, then FORBIDDEN; an unknown handler NOT_FOUND; a reassignment without note BAD_USER_INPUT; an unclassified complaint CONFLICT", async () => {
    const id = await openComplaint(s, t);
    expect((await call(s, t.rep1, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") })).error).toBe("FORBIDDEN");
    const unknown = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: "stf_01ABCDEFGHJKMNPQRSTVWXYZ01", note: "x" });
    expect(unknown.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["handlerId"] });
    const noNote = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") });
    expect(noNote.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["note"] });
    const r = await call(s, t.rep1, "complaintReceive", { customerId: await makeCustomer(s), channel: "PHONE", subject: "x", description: "y" });
    const unclassified = await call(s, t.manager, "complaintAssign", { complaintId: r.complaint!.id, handlerId: await staffId(s, "rep1") });
    expect(unclassified.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    const outsider = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "trainer"), note: "x" });
    expect(outsider.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["handlerId"] });
  });
});

describe("complaintAddNote, complaintProposeResolution, complaintApproveResolution (maker-checker)", () => {
  it("when a low complaint is investigated and a resolution proposed, then it is RESOLVED at once", async () => {
    const id = await openComplaint(s, t);
    const n = await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "Called the branch." });
    expect(n.complaint!.status).toBe("INVESTIGATING");
    const p = await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "Apology and refund of the fee." });
    expect(p.complaint).toMatchObject({ status: "RESOLVED" });
    expect(p.complaint!.decidedAt).toBeTruthy();
  });

  it("when a high complaint's resolution is proposed, then a supervisor approves it; the handler cannot (MAKER_CHECKER)", async () => {
    const id = await openComplaint(s, t, { severity: "HIGH", handler: "supervisor" });
    // The supervisor handles this one, so they are the maker and may not check their own proposal.
    await call(s, t.supervisor, "complaintAddNote", { complaintId: id, note: "Reviewed CCTV." });
    const p = await call(s, t.supervisor, "complaintProposeResolution", { complaintId: id, resolution: "Compensation of 200 CNY." });
    expect(p.complaint!.status).toBe("AWAITING_APPROVAL");
    const self = await call(s, t.supervisor, "complaintApproveResolution", { complaintId: id, approve: true });
    expect(self.userErrors[0].code).toBe("MAKER_CHECKER");
    expect((await call(s, t.manager, "complaintApproveResolution", { complaintId: id, approve: true })).error).toBe("FORBIDDEN");
    const ok = await call(s, t.admin, "complaintApproveResolution", { complaintId: id, approve: true, note: "Agreed." });
    expect(ok.complaint).toMatchObject({ status: "RESOLVED" });
  });

  it("when a supervisor refuses without a reason, then BAD_USER_INPUT; with one, back to INVESTIGATING", async () => {
    const id = await openComplaint(s, t, { severity: "CRITICAL" });
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" });
    await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "r" });
    const bare = await call(s, t.supervisor, "complaintApproveResolution", { complaintId: id, approve: false });
    expect(bare.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["note"] });
    const back = await call(s, t.supervisor, "complaintApproveResolution", { complaintId: id, approve: false, note: "Check the ledger first." });
    expect(back.complaint!.status).toBe("INVESTIGATING");
  });

  it("when someone other than the handler proposes, or notes are empty or too long, or the state is wrong, then refused", async () => {
    const id = await openComplaint(s, t);
    expect((await call(s, t.rep2, "complaintAddNote", { complaintId: id, note: "x" })).userErrors[0]).toEqual(HIDDEN);
    expect((await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "" })).userErrors[0].code).toBe("BAD_USER_INPUT");
    expect((await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "x".repeat(5001) })).userErrors[0].field).toEqual(["note"]);
    const early = await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "r" });
    expect(early.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" });
    expect((await call(s, t.manager, "complaintProposeResolution", { complaintId: id, resolution: "r" })).error).toBe("FORBIDDEN");
    const notWaiting = await call(s, t.supervisor, "complaintApproveResolution", { complaintId: id, approve: true });
    expect(notWaiting.userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
  });
});

describe("complaintEscalate, complaintWithdraw", () => {
  it("when escalated to the supervisor, then ESCALATED at level 2 without handler, and only a supervisor may reassign", async () => {
    const id = await openComplaint(s, t);
    const e = await call(s, t.rep1, "complaintEscalate", { complaintId: id, to: "SUPERVISOR", reason: "Customer threatens to go to the regulator." });
    expect(e.complaint).toMatchObject({ status: "ESCALATED", level: 2, handler: null });
    expect((await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "manager") })).error).toBe("FORBIDDEN");
    const rep = await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep1") });
    expect(rep.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["handlerId"] });
    const ok = await call(s, t.supervisor, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "supervisor") });
    expect(ok.complaint).toMatchObject({ status: "ASSIGNED", handler: { username: "supervisor" } });
    const again = await call(s, t.supervisor, "complaintEscalate", { complaintId: id, to: "MANAGER", reason: "x" });
    expect(again.userErrors[0].code).toBe("CONFLICT");
  });

  it("when escalated without a reason or by a stranger, then refused", async () => {
    const id = await openComplaint(s, t);
    expect((await call(s, t.rep1, "complaintEscalate", { complaintId: id, to: "MANAGER", reason: " " })).userErrors[0].field).toEqual(["reason"]);
    expect((await call(s, t.rep2, "complaintEscalate", { complaintId: id, to: "MANAGER", reason: "x" })).userErrors[0]).toEqual(HIDDEN);
  });

  it("when the customer withdraws, then WITHDRAWN and ended that day; a second withdrawal is refused", async () => {
    const id = await openComplaint(s, t);
    const w = await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "Sorted it out with the branch." });
    expect(w.complaint!.status).toBe("WITHDRAWN");
    expect(w.complaint!.withdrawnAt).toBe(w.complaint!.closedAt);
    expect(w.complaint!.timeLeftSeconds).toBeNull();
    expect((await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "again" })).userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    expect((await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "" })).userErrors[0].code).toBe("BAD_USER_INPUT");
    expect((await call(s, t.trainer, "complaintWithdraw", { complaintId: id, reason: "x" })).error).toBe("FORBIDDEN");
  });
});

describe("complaintRecordFeedback, complaintClose, complaintRequestReview (核查)", () => {
  async function resolved(): Promise<string> {
    const id = await openComplaint(s, t);
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" });
    await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "Refund." });
    return id;
  }

  it("when feedback is recorded and the complaint closed, then CLOSED with the satisfaction kept", async () => {
    const id = await resolved();
    expect((await call(s, t.rep1, "complaintClose", { complaintId: id })).userErrors[0].code).toBe("CONFLICT");
    const f = await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "PHONE", satisfaction: "BASICALLY_SATISFIED", comment: "OK-ish" });
    expect(f.complaint).toMatchObject({ customerToldHow: "PHONE", satisfaction: "BASICALLY_SATISFIED" });
    const c = await call(s, t.rep1, "complaintClose", { complaintId: id, note: "Done." });
    expect(c.complaint!.status).toBe("CLOSED");
    expect((await call(s, t.rep2, "complaintClose", { complaintId: id })).userErrors[0]).toEqual(HIDDEN);
  });

  it("when feedback comes before the decision or with a too-long comment, then refused", async () => {
    const id = await openComplaint(s, t);
    expect((await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "SMS" })).userErrors[0].code).toBe("INVALID_STATE_TRANSITION");
    const r = await resolved();
    expect((await call(s, t.rep1, "complaintRecordFeedback", { complaintId: r, method: "SMS", comment: "x".repeat(1001) })).userErrors[0].field).toEqual([
      "comment",
    ]);
    expect((await call(s, t.trainer, "complaintRecordFeedback", { complaintId: r, method: "SMS" })).error).toBe("FORBIDDEN");
  });

  it("when a review is asked within 30 days of receiving the decision, then UNDER_REVIEW one level higher, decided within 30 days, the history kept", async () => {
    const id = await resolved();
    await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "PHONE", satisfaction: "DISSATISFIED" });
    await call(s, t.rep1, "complaintClose", { complaintId: id });
    s.clock.advance(10 * 86400_000);
    t = await tokens(s); // tokens expire as the clock moves
    const r = await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "The refund was too small." });
    expect(r.complaint).toMatchObject({ status: "UNDER_REVIEW", level: 1, reviewCount: 1, handler: null, deadlineDays: 30 });
    expect(new Date(r.complaint!.deadlineAt).getTime()).toBe(s.clock.now().getTime() + 30 * 86400_000);
    const tl = await s.gql(`query($id: ID!) { complaint(id: $id) { timeline { action toStatus note actor { username } } } }`, { id }, t.rep1);
    const actions = tl.data.complaint.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["RECEIVED", "CLASSIFIED", "ASSIGNED", "NOTE_ADDED", "RESOLUTION_PROPOSED", "FEEDBACK_RECORDED", "CLOSED", "REVIEW_REQUESTED"]);
    expect(tl.data.complaint.timeline[7].note).toContain("Refund.");
    const rep = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep2") });
    expect(rep.userErrors[0].field).toEqual(["handlerId"]);
    const mgr = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "manager") });
    expect(mgr.complaint!.status).toBe("ASSIGNED");
  });

  it("when a review is asked more than 30 days after the customer received the decision, or without a reason, then refused", async () => {
    const id = await resolved();
    expect((await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "" })).userErrors[0].code).toBe("BAD_USER_INPUT");
    await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "PHONE" });
    s.clock.advance(31 * 86400_000);
    t = await tokens(s);
    const late = await call(s, t.rep1, "complaintRequestReview", { complaintId: id, reason: "Too late?" });
    expect(late.userErrors[0].code).toBe("REVIEW_WINDOW_PASSED");
    expect((await call(s, t.rep2, "complaintRequestReview", { complaintId: id, reason: "x" })).userErrors[0]).toEqual(HIDDEN);
  });
});
