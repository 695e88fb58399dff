import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { watchControls } from "../../../src/modules/risk/control.watch";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { mutate } from "../incidents/fixtures";
import { T1, ok } from "./helpers";

let s: TestServer;
let risk: string, supervisor: string, rep1: string, rep2: string, senior: string;
const clock = new ManualClock(T1);
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ clock });
  [risk, supervisor, rep1, rep2, senior] = await Promise.all(["risk", "supervisor", "rep1", "rep2", "senior"].map((u) => s.login(u)));
  for (const r of await s.database.query<{ id: string; username: string }>("select id, username from staff")) ids[r.username] = r.id;
});
afterAll(() => s?.close());

const RISK =
  "risk { id likelihood impact score level source sourceId sourceReference flaggedAt assessments { likelihood impact score level note } controls { id status overdue owner { username } } }";
const audit = {
  title: "Cash count differences",
  description: "Tellers' counts differ at close",
  category: "OPERATIONAL",
  source: "AUDIT",
  sourceReference: "AUD-7",
};
const count = async (table: string) => Number((await s.database.query<{ n: string }>(`select count(*)::text as n from ${table}`))[0].n);

describe("risk register", () => {
  it("when a risk is registered and reassessed, then score and level follow likelihood × impact and the history keeps every assessment", async () => {
    const r = await ok(s, risk, "riskRegister", { ...audit, likelihood: 2, impact: 2 }, RISK);
    expect(r.risk).toMatchObject({ score: 4, level: "LOW", source: "AUDIT", sourceReference: "AUD-7", sourceId: null });
    const levels: [number, number, string][] = [
      [1, 5, "MEDIUM"],
      [3, 3, "MEDIUM"],
      [2, 5, "HIGH"],
      [4, 4, "HIGH"],
      [4, 5, "CRITICAL"],
      [5, 5, "CRITICAL"],
    ];
    for (const [likelihood, impact, level] of levels) {
      const x = await ok(s, supervisor, "riskReassess", { riskId: r.risk.id, likelihood, impact, note: `to ${level}` }, RISK);
      expect([x.risk.score, x.risk.level]).toEqual([likelihood * impact, level]);
    }
    const final = await s.gql(`query($id: ID!) { risk(id: $id) { assessments { score level note } } }`, { id: r.risk.id }, senior);
    expect(final.data.risk.assessments.map((a: { score: number }) => a.score)).toEqual([4, 5, 9, 10, 16, 20, 25]);
  });

  it("when a complaint raises a risk, then the complaint lists it for those who read risks, and not for a representative who sees the complaint", async () => {
    const customerId = (await s.database.query<{ id: string }>("select id from customers order by id limit 1"))[0].id;
    await s.database.query(
      "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select $1, id, true, now(), now() from staff where username = 'rep1' on conflict do nothing",
      [customerId],
    );
    const c = await ok(s, rep1, "complaintReceive", { customerId, channel: "PHONE", subject: "Fees charged twice", description: "Twice." }, "complaint { id }");
    const r = await ok(
      s,
      risk,
      "riskRegister",
      { ...audit, source: "COMPLAINT", sourceReference: null, sourceId: c.complaint.id, likelihood: 3, impact: 4 },
      RISK,
    );
    const q = `query($id: ID!) { complaint(id: $id) { id risks { id source sourceId } } }`;
    const seen = await s.gql(q, { id: c.complaint.id }, supervisor);
    expect(seen.data.complaint.risks).toEqual([{ id: r.risk.id, source: "COMPLAINT", sourceId: c.complaint.id }]);
    const rep = await s.gql(q, { id: c.complaint.id }, rep1);
    expect(rep.data.complaint).toMatchObject({ id: c.complaint.id, risks: [] });
  });

  it("when likelihood or impact is outside 1–5, a linked record is missing, or a control has no owner, then a coded user error names the field and nothing is written", async () => {
    const before = await count("risks");
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...audit, likelihood: 0, impact: 3 }, "BAD_USER_INPUT", "likelihood"],
      [{ ...audit, likelihood: 3, impact: 6 }, "BAD_USER_INPUT", "impact"],
      [{ ...audit, sourceReference: null, likelihood: 3, impact: 3 }, "BAD_USER_INPUT", "sourceReference"],
      [{ ...audit, source: "COMPLAINT", sourceReference: null, likelihood: 3, impact: 3 }, "BAD_USER_INPUT", "sourceId"],
      [{ ...audit, source: "COMPLAINT", sourceReference: null, sourceId: "cmp_00000000000000000000000000", likelihood: 3, impact: 3 }, "NOT_FOUND", "sourceId"],
      [
        { ...audit, source: "SECURITY_INCIDENT", sourceReference: null, sourceId: "sin_00000000000000000000000000", likelihood: 3, impact: 3 },
        "NOT_FOUND",
        "sourceId",
      ],
    ];
    for (const [input, code, field] of cases) {
      const r = await mutate(s, risk, "riskRegister", input);
      expect([r.code, r.payload.userErrors[0].field], JSON.stringify(input)).toEqual([code, [field]]);
    }
    expect(await count("risks")).toBe(before);
    const r = await ok(s, risk, "riskRegister", { ...audit, likelihood: 3, impact: 3 }, "risk { id }");
    const reassess = await mutate(s, risk, "riskReassess", { riskId: r.risk.id, likelihood: 6, impact: 1, note: "x" });
    expect(reassess.code).toBe("BAD_USER_INPUT");
    const controls = await count("risk_controls");
    const noOwner = await mutate(s, risk, "riskControlAdd", { riskId: r.risk.id, measure: "Dual control", dueDate: "2026-12-31" });
    expect([noOwner.code, noOwner.payload.userErrors[0].field]).toEqual(["BAD_USER_INPUT", ["ownerId"]]);
    const badDate = await mutate(s, risk, "riskControlAdd", { riskId: r.risk.id, measure: "Dual control", ownerId: ids.manager, dueDate: "2026-02-30" });
    expect(badDate.code).toBe("BAD_USER_INPUT");
    expect(await count("risk_controls")).toBe(controls);
    expect(await count("risk_assessments")).toBeGreaterThan(0);
  });

  it("when a risk names the security incident that raised it, then the link is kept and the register finds it by that record", async () => {
    const inc = await ok(s, rep1, "securityIncidentReport", { category: "PHISHING", severity: "LOW", title: "Mail", description: "x" }, "incident { id }");
    const r = await ok(
      s,
      risk,
      "riskRegister",
      { ...audit, source: "SECURITY_INCIDENT", sourceReference: null, sourceId: inc.incident.id, category: "INFORMATION_TECHNOLOGY", likelihood: 3, impact: 4 },
      "risk { id sourceId }",
    );
    const found = await s.gql(`query($id: ID!) { risks(filterBy: { sourceId: $id }) { totalCount nodes { id } } }`, { id: inc.incident.id }, risk);
    expect(found.data.risks).toEqual({ totalCount: 1, nodes: [{ id: r.risk.id }] });
  });

  it("when staff outside the risk function touch the register, then FORBIDDEN, and their lists are empty", async () => {
    expect((await mutate(s, rep1, "riskRegister", { ...audit, likelihood: 3, impact: 3 })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, senior, "riskRegister", { ...audit, likelihood: 3, impact: 3 })).topCode).toBe("FORBIDDEN");
    const r = await s.gql(`{ risks { totalCount } }`, {}, rep2);
    expect(r.data.risks.totalCount).toBe(0);
    expect((await s.gql(`{ riskHeatMap { count } }`, {}, rep2)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when a high risk has no active control or an overdue one, then the watch flags it once with an event and clears the flag once controlled", async () => {
    const sub = collect<{ riskAlerts: unknown }>(s.wsClient(risk), `subscription { riskAlerts { kind } }`);
    const r = await ok(s, risk, "riskRegister", { ...audit, title: "Vault key custody", likelihood: 4, impact: 4 }, "risk { id level }");
    const low = await ok(s, risk, "riskRegister", { ...audit, title: "Minor", likelihood: 1, impact: 2 }, "risk { id }");
    const since = (await s.database.query<{ max: string | null }>("select max(seq)::text as max from events"))[0].max ?? "0";
    await watchControls({ database: s.database, clock });
    await watchControls({ database: s.database, clock });
    const flagged = await s.database.query<{ entity_id: string; kind: string }>("select entity_id, kind from events where seq > $1 and topic = 'RISK'", [
      since,
    ]);
    expect(flagged.filter((e) => e.entity_id === r.risk.id)).toEqual([{ entity_id: r.risk.id, kind: "RISK_FLAGGED" }]);
    expect(flagged.some((e) => e.entity_id === low.risk.id)).toBe(false);
    const c = await ok(
      s,
      risk,
      "riskControlAdd",
      { riskId: r.risk.id, measure: "Two keyholders", ownerId: ids.manager, dueDate: "2026-12-10", status: "ACTIVE" },
      "control { id }",
    );
    await watchControls({ database: s.database, clock });
    let now = await s.gql(`query($id: ID!) { risk(id: $id) { flaggedAt flagReason controls { overdue } } }`, { id: r.risk.id }, risk);
    expect(now.data.risk).toEqual({ flaggedAt: null, flagReason: null, controls: [{ overdue: false }] });
    // Past the control's due date it is flagged again.
    clock.set(new Date("2026-12-11T02:00:00Z"));
    risk = await s.login("risk");
    await watchControls({ database: s.database, clock });
    now = await s.gql(`query($id: ID!) { risk(id: $id) { flaggedAt flagReason controls { overdue } } }`, { id: r.risk.id }, risk);
    expect(now.data.risk).toMatchObject({ flagReason: "A control measure is overdue.", controls: [{ overdue: true }] });
    await ok(s, risk, "riskControlSetStatus", { controlId: c.control.id, status: "COMPLETED" }, "control { status }");
    const bad = await mutate(s, risk, "riskControlSetStatus", { controlId: c.control.id, status: "ACTIVE" });
    expect(bad.code).toBe("INVALID_STATE_TRANSITION");
    // The riskAlerts feed carries alerts only, not the watch's flags.
    await new Promise((x) => setTimeout(x, 300));
    expect(sub.received).toEqual([]);
    sub.dispose();
    clock.set(T1);
    risk = await s.login("risk");
  });

  it("when the heat map is asked for a department and period, then it counts open risks per likelihood × impact cell", async () => {
    const dep = (await s.gql(`{ me { department { id } } }`, {}, risk)).data.me.department.id;
    const from = new Date(T1.getTime() + 3_600_000).toISOString();
    clock.set(new Date(T1.getTime() + 2 * 3_600_000));
    risk = await s.login("risk");
    for (const [likelihood, impact] of [
      [2, 3],
      [2, 3],
      [5, 4],
    ])
      await ok(s, risk, "riskRegister", { ...audit, likelihood, impact, departmentId: dep }, "risk { id }");
    // Another department's risk is left out, and so are the earlier tests' risks, identified before the period.
    await ok(s, supervisor, "riskRegister", { ...audit, likelihood: 2, impact: 3 }, "risk { id }");
    const q = `query($d: ID, $f: DateTime) { riskHeatMap(departmentId: $d, from: $f) { likelihood impact score level count } }`;
    const r = await s.gql(q, { d: dep, f: from }, supervisor);
    const cells = r.data.riskHeatMap as { likelihood: number; impact: number; level: string; count: number }[];
    expect(cells).toHaveLength(25);
    expect(cells.filter((c) => c.count > 0).map((c) => [c.likelihood, c.impact, c.level, c.count])).toEqual([
      [2, 3, "MEDIUM", 2],
      [5, 4, "CRITICAL", 1],
    ]);
    const bad = await s.gql(q, { d: dep, f: "not a date" }, supervisor);
    expect(bad.errors?.length).toBeGreaterThan(0);
    clock.set(T1);
    risk = await s.login("risk");
  });
});
