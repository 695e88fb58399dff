import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { mutate } from "../incidents/fixtures";
import { T1, cash, customerWithAccount, ok, send } from "./helpers";

let s: TestServer;
let rep1: string, risk: string, admin: string, supervisor: string, manager: string;
const clock = new ManualClock(T1);
let n = 0;

beforeAll(async () => {
  s = await startTestServer({ clock });
  [rep1, risk, admin, supervisor, manager] = await Promise.all(["rep1", "risk", "admin", "supervisor", "manager"].map((u) => s.login(u)));
});
afterAll(() => s?.close());

/** 100,000.00 in and 80,000.00 out the same day: one RAPID_IN_OUT alert for a new customer. */
async function rapidAlert(): Promise<{ alertId: string; customerId: string; entries: string[] }> {
  const a = await customerWithAccount(s, rep1, `Rapid ${++n}`);
  const b = await customerWithAccount(s, rep1, `Receiver ${n}`);
  const e1 = await cash(s, rep1, "cashDeposit", a.accountId, "100000.00");
  const e2 = await send(s, rep1, a.accountId, b.accountId, "80000.00");
  const [row] = await s.database.query<{ id: string }>("select id from risk_alerts where customer_id = $1 and rule_code = 'RAPID_IN_OUT'", [a.customerId]);
  return { alertId: row.id, customerId: a.customerId, entries: [e1, e2] };
}

const ALERT = `id ruleCode severity status customerName customer { id } entries { id } reviewNote reviewedBy { username } risk { id source customer { id } }`;
const count = async (table: string) => Number((await s.database.query<{ n: string }>(`select count(*)::text as n from ${table}`))[0].n);

describe("risk officer review of alerts", () => {
  it("when the risk officer lists open alerts, then the alert shows its rule, severity, postings and the customer's masked name", async () => {
    const a = await rapidAlert();
    const r = await s.gql(`{ riskAlerts(filterBy: { status: OPEN, ruleCode: RAPID_IN_OUT }) { totalCount nodes { ${ALERT} } } }`, {}, risk);
    const node = r.data.riskAlerts.nodes.find((x: { id: string }) => x.id === a.alertId);
    expect(node).toMatchObject({ ruleCode: "RAPID_IN_OUT", severity: "HIGH", status: "OPEN", customer: { id: a.customerId } });
    expect(node.customerName).toMatch(/^R\*+$/);
    expect(node.entries.map((e: { id: string }) => e.id).sort()).toEqual([...a.entries].sort());
    // Staff outside the risk function see none of them, and the count agrees.
    const rep = await s.gql(`{ riskAlerts { totalCount nodes { id } } node(id: "${a.alertId}") { id } }`, {}, rep1);
    expect(rep.data.riskAlerts).toEqual({ totalCount: 0, nodes: [] });
    expect(rep.data.node).toBeNull();
  });

  it("when an alert is confirmed, then it appears in the register linked to the alert and to the postings' customer, with its first assessment", async () => {
    const a = await rapidAlert();
    const r = await ok(
      s,
      risk,
      "riskAlertConfirm",
      { alertId: a.alertId, likelihood: 4, impact: 4, note: "Pattern matches mule activity" },
      `alert { ${ALERT} }`,
    );
    expect(r.alert).toMatchObject({
      status: "CONFIRMED",
      reviewedBy: { username: "risk" },
      risk: { source: "TRANSACTION_MONITORING", customer: { id: a.customerId } },
    });
    const reg = await s.gql(
      `query($id: ID!) { risks(filterBy: { sourceId: $id }) { totalCount nodes { id level score category customer { id } alert { id } assessments { score level note } } } }`,
      { id: a.alertId },
      supervisor,
    );
    expect(reg.data.risks.totalCount).toBe(1);
    expect(reg.data.risks.nodes[0]).toMatchObject({
      id: r.alert.risk.id,
      level: "HIGH",
      score: 16,
      category: "FRAUD",
      customer: { id: a.customerId },
      alert: { id: a.alertId },
      assessments: [{ score: 16, level: "HIGH" }],
    });
    // A reviewed alert is not reviewed again.
    const again = await mutate(s, risk, "riskAlertDismiss", { alertId: a.alertId, reason: "x" });
    expect(again.code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when an alert is dismissed, then a reason is required; without one nothing is written", async () => {
    const a = await rapidAlert();
    const audits = await count("audit_log");
    for (const reason of ["", "   "]) {
      const bad = await mutate(s, risk, "riskAlertDismiss", { alertId: a.alertId, reason });
      expect([bad.code, bad.payload.userErrors[0].field]).toEqual(["BAD_USER_INPUT", ["reason"]]);
    }
    expect(await count("audit_log")).toBe(audits);
    const r = await ok(s, risk, "riskAlertDismiss", { alertId: a.alertId, reason: "Salary and rent, known pattern" }, "alert { status reviewNote }");
    expect(r.alert).toEqual({ status: "DISMISSED", reviewNote: "Salary and rent, known pattern" });
  });

  it("when an alert becomes a suspicious-transaction report, then its writer cannot submit it (maker-checker) and a second officer can", async () => {
    const a = await rapidAlert();
    const r = await ok(
      s,
      risk,
      "riskAlertReport",
      { alertId: a.alertId, narrative: "Funds passed through within hours; no business reason." },
      "alert { status } report { id status narrative preparedBy { username } }",
    );
    expect(r.alert.status).toBe("REPORTED");
    expect(r.report).toMatchObject({ status: "DRAFT", preparedBy: { username: "risk" } });
    const own = await mutate(s, risk, "suspiciousReportSubmit", { reportId: r.report.id }, "report { status }");
    expect(own.code).toBe("MAKER_CHECKER");
    expect((await s.database.query<{ status: string }>("select status from suspicious_transaction_reports where id = $1", [r.report.id]))[0].status).toBe(
      "DRAFT",
    );
    const done = await ok(s, admin, "suspiciousReportSubmit", { reportId: r.report.id }, "report { status submittedBy { username } }");
    expect(done.report).toEqual({ status: "SUBMITTED", submittedBy: { username: "admin" } });
    const short = await mutate(s, risk, "riskAlertReport", { alertId: (await rapidAlert()).alertId, narrative: "short" });
    expect(short.code).toBe("BAD_USER_INPUT");
  });

  it("when staff outside the risk function review alerts or change rules, then FORBIDDEN; a missing alert is NOT_FOUND", async () => {
    const a = await rapidAlert();
    for (const token of [rep1, manager, supervisor]) {
      const r = await mutate(s, token, "riskAlertDismiss", { alertId: a.alertId, reason: "x" });
      expect(r.topCode).toBe("FORBIDDEN");
    }
    expect((await mutate(s, rep1, "monitoringRuleUpdate", { code: "LARGE_CASH", enabled: false })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, risk, "riskAlertDismiss", { alertId: "ral_00000000000000000000000000", reason: "x" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, risk, "monitoringRuleUpdate", { code: "LARGE_CASH", windowHours: 0 })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, risk, "monitoringRuleUpdate", { code: "LARGE_CASH", threshold: "-1" })).payload.userErrors[0].field).toEqual(["threshold"]);
  });
});

describe("large-value report queue", () => {
  it("when the day is over, then a pending report is submitted; past 5 working days it is flagged overdue", async () => {
    const c = await customerWithAccount(s, rep1, "Queue");
    await cash(s, rep1, "cashDeposit", c.accountId, "60000.00");
    const q = `query($c: ID!, $o: Boolean) { largeValueReports(filterBy: { customerId: $c, overdue: $o }) { totalCount nodes { id kind status total dueDate overdue customerName } } }`;
    const r = await s.gql(q, { c: c.customerId }, risk);
    expect(r.data.largeValueReports.nodes).toMatchObject([{ kind: "CASH", status: "PENDING", total: "60000.00", dueDate: "2026-12-09", overdue: false }]);
    const id = r.data.largeValueReports.nodes[0].id;
    expect((await mutate(s, risk, "largeValueReportSubmit", { reportId: id })).code).toBe("CONFLICT");
    clock.set(new Date("2026-12-10T02:00:00Z"));
    [risk, rep1] = await Promise.all([s.login("risk"), s.login("rep1")]);
    expect((await s.gql(q, { c: c.customerId, o: true }, risk)).data.largeValueReports.totalCount).toBe(1);
    expect((await mutate(s, rep1, "largeValueReportSubmit", { reportId: id })).topCode).toBe("FORBIDDEN");
    const done = await ok(s, risk, "largeValueReportSubmit", { reportId: id }, "report { status overdue submittedBy { username } }");
    expect(done.report).toEqual({ status: "SUBMITTED", overdue: false, submittedBy: { username: "risk" } });
    clock.set(T1);
    [risk, rep1] = await Promise.all([s.login("risk"), s.login("rep1")]);
  });
});

describe("riskAlerts subscription", () => {
  const SUB = `subscription($after: String) { riskAlerts(afterSeq: $after) { seq kind alertId ruleCode severity status alert { id customerName } } }`;
  type Ev = { riskAlerts: { seq: string; kind: string; alertId: string; ruleCode: string; status: string; alert: { id: string } | null } };

  it("when an alert is raised and reviewed, then the risk officer and the supervisor see it live; a representative's subscription is refused", async () => {
    const officer = collect<Ev>(s.wsClient(risk), SUB);
    const sup = collect<Ev>(s.wsClient(supervisor), SUB);
    const rep = collect<Ev>(s.wsClient(rep1), SUB);
    await new Promise((r) => setTimeout(r, 300));
    const a = await rapidAlert();
    await ok(s, risk, "riskAlertDismiss", { alertId: a.alertId, reason: "Known" }, "alert { id }");
    for (const sub of [officer, sup]) {
      const got = (await sub.waitFor(2)).map((e) => e.riskAlerts);
      expect(got.map((e) => [e.kind, e.alertId, e.ruleCode, e.status])).toEqual([
        ["ALERT_RAISED", a.alertId, "RAPID_IN_OUT", "OPEN"],
        ["ALERT_DISMISSED", a.alertId, "RAPID_IN_OUT", "DISMISSED"],
      ]);
      expect(got[0].alert?.id).toBe(a.alertId);
    }
    await rep.waitFor(1).catch(() => undefined);
    expect(JSON.stringify(rep.errors)).toContain("FORBIDDEN");
    expect(rep.received).toEqual([]);
    for (const sub of [officer, sup, rep]) sub.dispose();
  });

  it("when a subscriber resumes after the last sequence it saw, then it receives every missed alert event in order, then live ones, with no gap or duplicate", async () => {
    const from = (await s.database.query<{ max: string | null }>("select max(seq)::text as max from events"))[0].max ?? "0";
    const missed = [await rapidAlert(), await rapidAlert()];
    const sub = collect<Ev>(s.wsClient(risk), SUB, { after: from });
    const replayed = (await sub.waitFor(2)).map((e) => e.riskAlerts);
    expect(replayed.map((e) => e.alertId)).toEqual(missed.map((m) => m.alertId));
    const live = await rapidAlert();
    const all = (await sub.waitFor(3)).map((e) => e.riskAlerts);
    expect(all[2].alertId).toBe(live.alertId);
    const seqs = all.map((e) => BigInt(e.seq));
    expect(seqs.every((q, i) => i === 0 || q > seqs[i - 1])).toBe(true);
    expect(all).toHaveLength(3);
    sub.dispose();
  });
});
