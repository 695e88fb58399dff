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

const UNKNOWN = "cmp_01ABCDEFGHJKMNPQRSTVWXYZ01";
const timelineOf = (id: string) => count(s, "select count(*) n from complaint_timeline where complaint_id = $1", [id]);

/** A complaint received and classified by rep2 (Phone Team): outside rep1's and the Counter Team manager's scope. */
async function phoneTeamComplaint(): Promise<string> {
  const customerId = await makeCustomer(s, "Phone Customer", "rep2");
  const r = await call(s, t.rep2, "complaintReceive", { customerId, channel: "PHONE", subject: "Hold music", description: "Too loud." });
  const id = r.complaint!.id as string;
  await call(s, t.rep2, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" });
  return id;
}

describe("a complaint outside the actor's scope is not there", () => {
  it("when rep1 works on or the Counter Team manager assigns a Phone Team complaint, then exactly the answer of an unknown id, and nothing written", async () => {
    const id = await phoneTeamComplaint();
    const before = await timelineOf(id);
    const unknown = await call(s, t.rep1, "complaintAddNote", { complaintId: UNKNOWN, note: "n" });
    expect(unknown.userErrors[0]).toEqual(HIDDEN);
    expect((await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" })).userErrors[0]).toEqual(unknown.userErrors[0]);
    expect((await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "r" })).userErrors[0]).toEqual(HIDDEN);
    const assign = await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep1") });
    expect(assign.error).toBeNull();
    expect(assign.userErrors[0]).toEqual(
      (await call(s, t.manager, "complaintAssign", { complaintId: UNKNOWN, handlerId: await staffId(s, "rep1") })).userErrors[0],
    );
    expect(await timelineOf(id)).toBe(before);
  });

  it("when a trainer acts on any complaint, existing or not, then FORBIDDEN either way", async () => {
    const id = await phoneTeamComplaint();
    expect((await call(s, t.trainer, "complaintAddNote", { complaintId: id, note: "n" })).error).toBe("FORBIDDEN");
    expect((await call(s, t.trainer, "complaintAddNote", { complaintId: UNKNOWN, note: "n" })).error).toBe("FORBIDDEN");
    expect((await call(s, t.rep1, "complaintApproveResolution", { complaintId: UNKNOWN, approve: true })).error).toBe("FORBIDDEN");
  });

  it("when a complaint names a customer outside the receiver's reach, then the answer of an unknown customer; the same for an account of a customer they may not see", async () => {
    const foreign = await makeCustomer(s, "Not Mine", "rep2");
    const unknown = await call(s, t.rep1, "complaintReceive", {
      customerId: "cus_01ABCDEFGHJKMNPQRSTVWXYZ01",
      channel: "PHONE",
      subject: "x",
      description: "y",
    });
    const hidden = await call(s, t.rep1, "complaintReceive", { customerId: foreign, channel: "PHONE", subject: "x", description: "y" });
    expect(hidden.userErrors[0]).toEqual(unknown.userErrors[0]);
    expect(hidden.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });

    const mine = await makeCustomer(s, "Mine");
    const accountOf = async (customerId: string) => {
      const id = `acc_${customerId.slice(4)}`;
      await s.database.query(
        "insert into accounts (id, number, kind, customer_id, type, currency, opened_by_id, opened_at, last_activity_at, updated_at) select $1, lpad((nextval('account_number_seq'))::text, 19, '9'), 'CUSTOMER', $2, 'SAVINGS', 'CNY', id, now(), now(), now() from staff where username = 'rep1'",
        [id, customerId],
      );
      return id;
    };
    const foreignAccount = await accountOf(foreign);
    const otherMine = await accountOf(await makeCustomer(s, "Also Mine"));
    const receive = (accountId: string) =>
      call(s, t.rep1, "complaintReceive", { customerId: mine, channel: "COUNTER", subject: "x", description: "y", accountId });
    const missing = await receive("acc_01ABCDEFGHJKMNPQRSTVWXYZ01");
    expect(missing.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["accountId"] });
    expect((await receive(foreignAccount)).userErrors[0]).toEqual(missing.userErrors[0]);
    expect((await receive(otherMine)).userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["accountId"] });
  });
});

describe("exclusion (回避) at every step", () => {
  it("when the manager a complaint is about classifies, assigns, notes, escalates, extends, withdraws or closes it, then CONFLICT_OF_INTEREST and nothing written", async () => {
    const id = await openComplaint(s, t, { accused: "manager", severity: "HIGH" });
    const before = await timelineOf(id);
    const steps: [string, Record<string, unknown>][] = [
      ["complaintClassify", { category: "OTHER", businessLine: "OTHER", severity: "LOW" }],
      ["complaintAssign", { handlerId: await staffId(s, "rep2"), note: "moving it" }],
      ["complaintAddNote", { note: "nothing happened" }],
      ["complaintProposeResolution", { resolution: "no fault" }],
      ["complaintEscalate", { to: "SUPERVISOR", reason: "r" }],
      ["complaintExtendDeadline", { reason: "r" }],
      ["complaintRecordFeedback", { method: "SMS" }],
      ["complaintClose", {}],
      ["complaintRequestReview", { reason: "r" }],
      ["complaintWithdraw", { reason: "customer gave up" }],
    ];
    for (const [name, input] of steps) {
      const r = await call(s, t.manager, name, { complaintId: id, ...input });
      expect(r.userErrors[0], name).toMatchObject({ code: "CONFLICT_OF_INTEREST", field: ["complaintId"] });
    }
    expect(await timelineOf(id)).toBe(before);
    const [row] = await s.database.query<{ severity: string; status: string }>("select severity, status from complaints where id = $1", [id]);
    expect(row).toEqual({ severity: "HIGH", status: "ASSIGNED" });
  });

  it("when the supervisor a high complaint is about is asked to approve its resolution, then CONFLICT_OF_INTEREST; the system administrator complained about may not withdraw one", async () => {
    const id = await openComplaint(s, t, { accused: "supervisor", severity: "HIGH" });
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "Checked the recording." });
    expect((await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "Apologise." })).complaint!.status).toBe("AWAITING_APPROVAL");
    const r = await call(s, t.supervisor, "complaintApproveResolution", { complaintId: id, approve: true });
    expect(r.userErrors[0]).toMatchObject({ code: "CONFLICT_OF_INTEREST" });
    const ok = await call(s, t.admin, "complaintApproveResolution", { complaintId: id, approve: true });
    expect(ok.complaint!.status).toBe("RESOLVED");

    const other = await openComplaint(s, t, { accused: "admin" });
    expect((await call(s, t.admin, "complaintWithdraw", { complaintId: other, reason: "r" })).userErrors[0]).toMatchObject({ code: "CONFLICT_OF_INTEREST" });
    expect((await call(s, t.rep1, "complaintWithdraw", { complaintId: other, reason: "Customer withdrew." })).complaint!.status).toBe("WITHDRAWN");
  });

  it("when a representative receives a complaint about themselves, then CONFLICT_OF_INTEREST on accusedStaffId and no complaint", async () => {
    const before = await count(s, "select count(*) n from complaints");
    const r = await call(s, t.rep1, "complaintReceive", {
      customerId: await makeCustomer(s),
      channel: "COUNTER",
      subject: "x",
      description: "y",
      accusedStaffId: await staffId(s, "rep1"),
    });
    expect(r.userErrors[0]).toMatchObject({ code: "CONFLICT_OF_INTEREST", field: ["accusedStaffId"] });
    expect(await count(s, "select count(*) n from complaints")).toBe(before);
  });
});

describe("downgrading a high or critical complaint", () => {
  it("when the handler or a manager lowers a HIGH complaint, then FORBIDDEN and the severity stays; the supervisor may", async () => {
    const id = await openComplaint(s, t, { severity: "HIGH" });
    const low = { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" };
    expect((await call(s, t.rep1, "complaintClassify", low)).error).toBe("FORBIDDEN");
    expect((await call(s, t.manager, "complaintClassify", low)).error).toBe("FORBIDDEN");
    expect((await call(s, t.rep1, "complaintClassify", { ...low, severity: "CRITICAL" })).complaint!.severity).toBe("CRITICAL");
    expect((await call(s, t.supervisor, "complaintClassify", low)).complaint!.severity).toBe("LOW");
  });

  it("when a complaint once HIGH is downgraded to LOW and its handler proposes, then it still waits for the supervisor's approval", async () => {
    const id = await openComplaint(s, t, { severity: "HIGH" });
    await call(s, t.supervisor, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "LOW" });
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "Looked into it." });
    const p = await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "No fault found." });
    expect(p.complaint).toMatchObject({ status: "AWAITING_APPROVAL", severity: "LOW", decidedAt: null });
    expect((await call(s, t.rep1, "complaintApproveResolution", { complaintId: id, approve: true })).error).toBe("FORBIDDEN");
  });

  it("when a supervisor handles a CRITICAL complaint, then they cannot downgrade it themselves (MAKER_CHECKER)", async () => {
    const id = await openComplaint(s, t, { severity: "CRITICAL", handler: "supervisor" });
    const r = await call(s, t.supervisor, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity: "MEDIUM" });
    expect(r.userErrors[0]).toMatchObject({ code: "MAKER_CHECKER", field: ["severity"] });
    const [row] = await s.database.query<{ severity: string }>("select severity from complaints where id = $1", [id]);
    expect(row.severity).toBe("CRITICAL");
  });
});
