import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeadlineWatch } from "../../../src/modules/complaints";
import { deadlineFor, nextExtension } from "../../../src/modules/complaints/complaint.deadline";
import { type TestServer, startTestServer } from "../../helpers/server";
import { HIDDEN, type Tokens, call, count, makeCustomer, openComplaint, staffId, tokens } from "./helpers";

const DAY = 86400_000;
let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer();
  t = await tokens(s);
});
afterAll(() => s?.close());

const events = (id: string, kind: string) => count(s, "select count(*) n from events where entity_id = $1 and kind = $2", [id, kind]);

describe("deadline arithmetic (15 / 30 / 60 days)", () => {
  it("when computed, then 15 days from receipt, 30 for a complex case, 60 at most", () => {
    const at = new Date("2026-11-29T10:00:00Z");
    expect(deadlineFor(at, 15).toISOString()).toBe("2026-12-14T10:00:00.000Z");
    expect(nextExtension(15)).toEqual({ toDays: 30, needsSupervisor: false });
    expect(nextExtension(30)).toEqual({ toDays: 60, needsSupervisor: true });
    expect(nextExtension(60)).toBeNull();
  });

  it("when extended twice, then 30 then 60 days from receipt, the second only by the head-office senior approver with the customer told, each recorded", async () => {
    const id = await openComplaint(s, t);
    const received = await s.database.query<{ received_at: Date }>("select received_at from complaints where id = $1", [id]);
    const start = new Date(received[0].received_at).getTime();
    expect((await call(s, t.rep1, "complaintExtendDeadline", { complaintId: id, reason: "" })).userErrors[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      field: ["reason"],
    });
    expect((await call(s, t.rep2, "complaintExtendDeadline", { complaintId: id, reason: "x" })).userErrors[0]).toEqual(HIDDEN);
    const first = await call(s, t.rep1, "complaintExtendDeadline", { complaintId: id, reason: "Needs records from another branch." });
    expect(first.complaint!.deadlineDays).toBe(30);
    expect(new Date(first.complaint!.deadlineAt).getTime()).toBe(start + 30 * DAY);
    expect((await call(s, t.rep1, "complaintExtendDeadline", { complaintId: id, reason: "Still waiting." })).error).toBe("FORBIDDEN");
    // A department supervisor no longer approves the second extension: it needs a higher level (CBIRC order 2020 No. 3).
    const bySupervisor = await call(s, t.supervisor, "complaintExtendDeadline", { complaintId: id, reason: "Still waiting.", customerInformedBy: "LETTER" });
    expect(bySupervisor.error).toBe("FORBIDDEN");
    const senior = await s.login("senior");
    const untold = await call(s, senior, "complaintExtendDeadline", { complaintId: id, reason: "Still waiting." });
    expect(untold.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["customerInformedBy"] });
    const second = await call(s, senior, "complaintExtendDeadline", { complaintId: id, reason: "Still waiting.", customerInformedBy: "LETTER" });
    expect(second.complaint!.deadlineDays).toBe(60);
    expect(new Date(second.complaint!.deadlineAt).getTime()).toBe(start + 60 * DAY);
    const third = await call(s, senior, "complaintExtendDeadline", { complaintId: id, reason: "More", customerInformedBy: "LETTER" });
    expect(third.userErrors[0].code).toBe("CONFLICT");
    const q = await s.gql(
      `query($id: ID!) { complaint(id: $id) { extensions { fromDays toDays reason customerInformed requestedBy { username } approvedBy { username } } } }`,
      { id },
      t.supervisor,
    );
    expect(q.data.complaint.extensions).toEqual([
      { fromDays: 15, toDays: 30, reason: "Needs records from another branch.", customerInformed: null, requestedBy: { username: "rep1" }, approvedBy: null },
      {
        fromDays: 30,
        toDays: 60,
        reason: "Still waiting.",
        customerInformed: "LETTER",
        requestedBy: { username: "senior" },
        approvedBy: { username: "senior" },
      },
    ]);
    expect(await events(id, "EXTENDED")).toBe(2);
  });
});

describe("the deadline watch", () => {
  it("when two days remain, then flagged once; past the deadline, breached and escalated once, even with two watches at once", async () => {
    const id = await openComplaint(s, t, { subject: "Watch me" });
    s.clock.advance(13.5 * DAY);
    await runDeadlineWatch(s.app);
    await runDeadlineWatch(s.app);
    expect(await events(id, "DEADLINE_APPROACHING")).toBe(1);
    expect(await events(id, "DEADLINE_BREACHED")).toBe(0);
    s.clock.advance(2 * DAY);
    await Promise.all([runDeadlineWatch(s.app), runDeadlineWatch(s.app)]);
    await runDeadlineWatch(s.app);
    expect(await events(id, "DEADLINE_BREACHED")).toBe(1);
    expect(await events(id, "ESCALATED")).toBe(1);
    const rows = await s.database.query<{ status: string; level: number; handler_id: string | null }>(
      "select status, level, handler_id from complaints where id = $1",
      [id],
    );
    expect(rows[0]).toMatchObject({ status: "ESCALATED", level: 2, handler_id: null });
    t = await tokens(s);
    const late = await call(s, t.supervisor, "complaintExtendDeadline", { complaintId: id, reason: "Too late" });
    expect(late.userErrors[0].code).toBe("CONFLICT");
    const q = await s.gql(`query($id: ID!) { complaint(id: $id) { overdue timeLeftSeconds timeline { action actor { username } } } }`, { id }, t.supervisor);
    expect(q.data.complaint.overdue).toBe(true);
    expect(q.data.complaint.timeLeftSeconds).toBeLessThan(0);
    expect(q.data.complaint.timeline.slice(-3)).toEqual([
      { action: "DEADLINE_APPROACHING", actor: null },
      { action: "DEADLINE_BREACHED", actor: null },
      { action: "ESCALATED", actor: null },
    ]);
  });
});

describe("complaint queries and scope", () => {
  it("when listing, then each viewer sees their scope: representative own, manager team, supervisor department, trainer none", async () => {
    const mine = await openComplaint(s, t, { subject: "Scope one (rep1)" });
    const theirs = await openComplaint(s, t, { subject: "Scope two (rep2)", handler: "rep2" });
    const list = async (token: string) => {
      const r = await s.gql(`{ complaints(first: 100, filterBy: { subjectContains: "Scope" }) { totalCount nodes { id } } }`, {}, token);
      return r.data.complaints.nodes.map((n: { id: string }) => n.id).sort();
    };
    expect(await list(t.rep2)).toEqual([theirs]);
    expect(await list(t.rep1)).toEqual([mine, theirs].sort()); // rep1 received both
    expect(await list(t.manager)).toEqual([mine, theirs].sort());
    expect(await list(t.supervisor)).toEqual([mine, theirs].sort());
    expect(await list(t.trainer)).toEqual([]);
    const node = await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: mine }, t.rep2);
    expect(node.data.node).toBeNull();
    const byRef = await s.gql(`query($id: ID!) { complaint(id: $id) { reference } }`, { id: mine }, t.supervisor);
    const again = await s.gql(`query($r: String!) { complaint(reference: $r) { id } }`, { r: byRef.data.complaint.reference }, t.supervisor);
    expect(again.data.complaint.id).toBe(mine);
  });

  it("when filtered and sorted, then only matching complaints come, in order; dates in the wrong order are refused", async () => {
    const customerId = await makeCustomer(s, "Filter Customer");
    const a = await openComplaint(s, t, { customerId, severity: "HIGH", subject: "Filter A" });
    const b = await openComplaint(s, t, { customerId, severity: "LOW", subject: "Filter B", handler: "rep2" });
    const q = async (filter: string, order = "") =>
      (
        await s.gql(`{ complaints(filterBy: { customerId: "${customerId}", ${filter} } ${order}) { nodes { id } } }`, {}, t.supervisor)
      ).data.complaints.nodes.map((n: { id: string }) => n.id);
    expect(await q(`severity: HIGH`)).toEqual([a]);
    expect(await q(`handlerId: "${await staffId(s, "rep2")}"`)).toEqual([b]);
    expect(await q(`status: [ASSIGNED], category: SERVICE_ATTITUDE, businessLine: DEPOSITS, channel: PHONE`)).toHaveLength(2);
    expect(await q(`overdue: true`)).toEqual([]);
    expect(await q(`subjectContains: "filter b"`)).toEqual([b]);
    expect(
      await q(
        `receivedFrom: "${new Date(s.clock.now().getTime() - DAY).toISOString()}", receivedTo: "${new Date(s.clock.now().getTime() + DAY).toISOString()}"`,
      ),
    ).toHaveLength(2);
    expect(await q(`deadlineBefore: "${s.clock.now().toISOString()}"`)).toEqual([]);
    expect(await q(``, `orderBy: { field: REFERENCE, direction: ASC }`)).toEqual([a, b]);
    expect(await q(``, `orderBy: { field: REFERENCE, direction: DESC }`)).toEqual([b, a]);
    const bad = await s.gql(
      `{ complaints(filterBy: { receivedFrom: "2026-12-01T00:00:00Z", receivedTo: "2026-11-01T00:00:00Z" }) { nodes { id } } }`,
      {},
      t.supervisor,
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("when statistics are asked, then counts, rates and the overdue list come for the period; representatives are refused", async () => {
    const now = s.clock.now();
    const from = new Date(now.getTime() - DAY).toISOString();
    const to = new Date(now.getTime() + DAY).toISOString();
    const id = await openComplaint(s, t, { subject: "Stats" });
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" });
    await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "r" });
    await call(s, t.rep1, "complaintRecordFeedback", { complaintId: id, method: "PHONE", satisfaction: "SATISFIED" });
    const query = `query($f: DateTime!, $t: DateTime!) { complaintStatistics(from: $f, to: $t) { total decided onTimeDecisionRate averageDaysToDecision satisfactionRate
      byStatus { key count } bySeverity { key count } byCategory { key count } byChannel { key count } overdue { id } } }`;
    const r = await s.gql(query, { f: from, t: to }, t.supervisor);
    expect(r.errors).toBeUndefined();
    const st = r.data.complaintStatistics;
    expect(st.total).toBeGreaterThanOrEqual(1);
    expect(st.decided).toBeGreaterThanOrEqual(1);
    expect(st.onTimeDecisionRate).toBe(1);
    expect(st.satisfactionRate).toBe(1);
    expect(st.byStatus.find((x: { key: string }) => x.key === "RESOLVED").count).toBeGreaterThanOrEqual(1);
    expect((await s.gql(query, { f: from, t: to }, t.rep1)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(query, { f: to, t: from }, t.supervisor)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
