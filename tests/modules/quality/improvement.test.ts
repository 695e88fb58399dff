import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/core/clock";
import { runTrendWatch } from "../../../src/modules/quality";
import { type TestServer, startTestServer } from "../../helpers/server";
import { insertComplaint, insertSurvey, insertVisit, makeCustomer, mutate, ok, staffId } from "./fixtures";

const START = new Date("2026-06-10T12:00:00Z");
const DAY = 86_400_000;
let s: TestServer;
let t: Record<string, string>;
let rep1Id: string, rep2Id: string, supervisorId: string;

async function login() {
  t = Object.fromEntries(await Promise.all(["admin", "supervisor", "manager", "rep1", "rep2", "trainer"].map(async (u) => [u, await s.login(u)])));
}
beforeAll(async () => {
  s = await startTestServer({ clock: new ManualClock(START) });
  await login();
  [rep1Id, rep2Id, supervisorId] = await Promise.all([staffId(s, "rep1"), staffId(s, "rep2"), staffId(s, "supervisor")]);
}, 180_000);
afterAll(() => s?.close());

const ACTION_FIELDS = "id sourceType sourceId rootCause status overdue effectWindowDays owner { username }";
const ACTION = `action { ${ACTION_FIELDS} }`;
const EFFECT = `query($id: ID!) { node(id: $id) { ... on ImprovementAction { status completedAt
  effect { kpi { code } scopeKind before { from to numerator denominator value } after { from to numerator denominator value } change improved } } } }`;
const count = async (sql: string) => Number((await s.database.query<{ n: number }>(sql))[0].n);

/** Surveys of rep1's visits at the given offsets (days from START), satisfied or not. */
async function surveys(list: [number, number][]) {
  for (const [offsetDays, score] of list) {
    const at = new Date(START.getTime() + offsetDays * DAY);
    const visitId = await insertVisit(s, { staffId: rep1Id, takenAt: new Date(at.getTime() - 3_600_000), waitSec: 60, handleSec: 120, status: "COMPLETED" });
    await insertSurvey(s, { visitId, staffId: rep1Id, score, at });
  }
}

describe("improvement actions (改进措施)", () => {
  it("when a complaint's root cause raises an action linked to a KPI, then once done its effect is the KPI before and after", async () => {
    const customerId = await makeCustomer(s, "Root Cause Customer");
    const complaintId = await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: new Date(START.getTime() - 2 * DAY) });
    // Before: 1 of 4 satisfied in the 10 days before; after: 3 of 4 in the 10 days after completion (and one later, outside the window).
    await surveys([
      [-9, 2],
      [-6, 5],
      [-4, 1],
      [-1, 3],
      [1, 5],
      [3, 4],
      [5, 2],
      [8, 5],
      [12, 1],
    ]);
    const raised = await ok(
      s,
      t.manager,
      "improvementActionRaise",
      {
        sourceType: "COMPLAINT_ROOT_CAUSE",
        sourceId: complaintId,
        rootCause: "Rates sheet at the counter was out of date.",
        description: "Replace the rates sheet daily and check it at opening.",
        ownerId: rep1Id,
        dueAt: new Date(START.getTime() + 5 * DAY).toISOString(),
        kpiCode: "SATISFACTION_RATE",
        kpiScope: { staffId: rep1Id },
        effectWindowDays: 10,
      },
      ACTION,
    );
    expect(raised.action).toMatchObject({
      sourceType: "COMPLAINT_ROOT_CAUSE",
      sourceId: complaintId,
      status: "OPEN",
      overdue: false,
      owner: { username: "rep1" },
    });
    const id = raised.action.id;
    const onComplaint = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Complaint { improvementActions { id rootCause } } } }`,
      { id: complaintId },
      t.rep1,
    );
    expect(onComplaint.data.node.improvementActions).toEqual([{ id, rootCause: "Rates sheet at the counter was out of date." }]);

    let e = (await s.gql(EFFECT, { id }, t.rep1)).data.node;
    expect(e.effect).toMatchObject({
      kpi: { code: "SATISFACTION_RATE" },
      scopeKind: "STAFF",
      before: { numerator: 1, denominator: 4, value: 0.25 },
      after: null,
      change: null,
    });

    // The owner carries it out; the KPI is measured from completion.
    await ok(s, t.rep1, "improvementActionUpdateStatus", { actionId: id, status: "IN_PROGRESS" }, ACTION);
    await ok(s, t.rep1, "improvementActionUpdateStatus", { actionId: id, status: "DONE" }, ACTION);
    s.clock.advance(20 * DAY);
    await login();
    e = (await s.gql(EFFECT, { id }, t.supervisor)).data.node;
    expect(e.status).toBe("DONE");
    expect(e.effect.after).toMatchObject({
      from: START.toISOString(),
      to: new Date(START.getTime() + 10 * DAY).toISOString(),
      numerator: 3,
      denominator: 4,
      value: 0.75,
    });
    expect(e.effect).toMatchObject({ change: 0.5, improved: true });
    s.clock.set(START);
    await login();
  });

  it("when an action passes its due date open, then it is overdue and listed as such until done", async () => {
    const dueAt = new Date(START.getTime() + DAY);
    const r = await ok(
      s,
      t.supervisor,
      "improvementActionRaise",
      { sourceType: "KPI_MISS", sourceId: "AVERAGE_WAIT", description: "Open a second counter at lunch.", ownerId: rep2Id, dueAt: dueAt.toISOString() },
      `action { ${ACTION_FIELDS} effect { kpi { code } scopeKind } }`,
    );
    expect(r.action.effect).toEqual({ kpi: { code: "AVERAGE_WAIT" }, scopeKind: "CENTRE" });
    s.clock.advance(2 * DAY);
    await login();
    const list = await s.gql(`{ improvementActions(first: 50, filterBy: { overdue: true }) { totalCount nodes { id overdue } } }`, {}, t.rep1);
    expect(list.data.improvementActions.nodes).toContainEqual({ id: r.action.id, overdue: true });
    // Neither a member who does not own it nor a finished state moves it on.
    expect((await mutate(s, t.rep1, "improvementActionUpdateStatus", { actionId: r.action.id, status: "DONE" })).topCode).toBe("FORBIDDEN");
    await ok(s, t.rep2, "improvementActionUpdateStatus", { actionId: r.action.id, status: "DONE" }, ACTION);
    expect((await mutate(s, t.rep2, "improvementActionUpdateStatus", { actionId: r.action.id, status: "OPEN" })).code).toBe("INVALID_STATE_TRANSITION");
    const after = await s.gql(`{ improvementActions(first: 50, filterBy: { overdue: true }) { nodes { id } } }`, {}, t.rep1);
    expect(after.data.improvementActions.nodes).not.toContainEqual({ id: r.action.id });
    s.clock.set(START);
    await login();
  });

  it("when a representative raises, a source is out of scope or raised elsewhere, or the root cause is missing, then it is refused and nothing is written", async () => {
    const customerId = await makeCustomer(s, "Phone Customer", "rep2");
    const phone = await insertComplaint(s, { customerId, handlerId: rep2Id, receivedById: rep2Id, receivedAt: new Date(START.getTime() - DAY) });
    const base = {
      sourceType: "COMPLAINT_ROOT_CAUSE",
      sourceId: phone,
      rootCause: "x",
      description: "Do it",
      ownerId: rep2Id,
      dueAt: new Date(START.getTime() + DAY).toISOString(),
    };
    const before = await count("select count(*)::int as n from improvement_actions");
    expect((await mutate(s, t.rep2, "improvementActionRaise", base)).topCode).toBe("FORBIDDEN");
    // The Counter Team's manager does not see a Phone Team complaint: NOT_FOUND, as for a missing id.
    expect((await mutate(s, t.manager, "improvementActionRaise", base)).payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["sourceId"] });
    expect((await mutate(s, t.supervisor, "improvementActionRaise", { ...base, rootCause: null })).payload.userErrors[0].field).toEqual(["rootCause"]);
    expect((await mutate(s, t.supervisor, "improvementActionRaise", { ...base, sourceType: "DRILL_FINDING" })).code).toBe("BAD_USER_INPUT");
    expect(
      (await mutate(s, t.supervisor, "improvementActionRaise", { ...base, dueAt: new Date(START.getTime() - DAY).toISOString() })).payload.userErrors[0].field,
    ).toEqual(["dueAt"]);
    expect((await mutate(s, t.supervisor, "improvementActionRaise", { ...base, ownerId: "stf_nope" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, t.supervisor, "improvementActionRaise", { ...base, sourceType: "KPI_MISS", sourceId: "NO_SUCH_KPI" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, t.supervisor, "improvementActionRaise", { ...base, kpiScope: { staffId: rep2Id } })).code).toBe("BAD_USER_INPUT");
    expect(await count("select count(*)::int as n from improvement_actions")).toBe(before);
  });
});

describe("the complaint trend rule (投诉趋势)", () => {
  it("when complaints of one category and business line reach the threshold in a window, then one action is raised for the supervisor, once", async () => {
    const customerId = await makeCustomer(s, "Trend Customer");
    // The default rule: 5 in a 30-day window; the window holding 2026-06-10 starts on 2026-06-06.
    const trend = { category: "FEES_AND_CHARGES", businessLine: "CREDIT_CARDS" };
    for (let i = 0; i < 4; i++)
      await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: new Date(START.getTime() - i * 3_600_000), ...trend });
    // Before the window, and another business line: not counted.
    await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: new Date("2026-06-05T10:00:00Z"), ...trend });
    await insertComplaint(s, { customerId, handlerId: rep1Id, receivedById: rep1Id, receivedAt: START, category: "FEES_AND_CHARGES", businessLine: "LOANS" });
    const below = await runTrendWatch({ database: s.database, clock: s.clock });
    expect(below.raised).toEqual([]);

    await insertComplaint(s, { customerId, handlerId: rep2Id, receivedById: rep2Id, receivedAt: new Date(START.getTime() - 60_000), ...trend });
    const [first, second] = await Promise.all([
      runTrendWatch({ database: s.database, clock: s.clock }),
      runTrendWatch({ database: s.database, clock: s.clock }),
    ]);
    expect([...first.raised, ...second.raised]).toHaveLength(1);
    const rows = await s.database.query<{ source_id: string; owner_id: string; kpi_code: string; created_by_id: string | null }>(
      "select source_id, owner_id, kpi_code, created_by_id from improvement_actions where source_type = 'COMPLAINT_TREND'",
    );
    expect(rows).toEqual([
      { source_id: "FEES_AND_CHARGES:CREDIT_CARDS:2026-06-06", owner_id: supervisorId, kpi_code: "COMPLAINTS_PER_10K_VISITS", created_by_id: null },
    ]);
    expect((await runTrendWatch({ database: s.database, clock: s.clock })).raised).toEqual([]);
    const listed = await s.gql(
      `{ improvementActions(first: 5, filterBy: { sourceType: COMPLAINT_TREND }) { totalCount nodes { owner { username } description } } }`,
      {},
      t.rep1,
    );
    expect(listed.data.improvementActions.totalCount).toBe(1);
    expect(listed.data.improvementActions.nodes[0].owner.username).toBe("supervisor");
    expect(await count("select count(*)::int as n from audit_log where action = 'improvementAction.raiseFromTrend'")).toBe(1);
  });

  it("when a supervisor lowers the threshold, then a smaller trend raises its action; a representative or a threshold of 1 is refused", async () => {
    const rule = "rule { threshold windowDays dueDays }";
    expect((await mutate(s, t.rep1, "complaintTrendRuleSet", { threshold: 2, windowDays: 30, dueDays: 14 })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, t.supervisor, "complaintTrendRuleSet", { threshold: 1, windowDays: 30, dueDays: 14 })).payload.userErrors[0].field).toEqual([
      "threshold",
    ]);
    expect((await s.gql(`{ complaintTrendRule { threshold } }`, {}, t.rep1)).data.complaintTrendRule.threshold).toBe(5);
    const set = await ok(s, t.supervisor, "complaintTrendRuleSet", { threshold: 2, windowDays: 30, dueDays: 14 }, rule);
    expect(set.rule).toEqual({ threshold: 2, windowDays: 30, dueDays: 14 });
    const customerId = await makeCustomer(s, "Small Trend Customer");
    for (const minutes of [5, 10])
      await insertComplaint(s, {
        customerId,
        handlerId: rep1Id,
        receivedById: rep1Id,
        receivedAt: new Date(START.getTime() - minutes * 60_000),
        category: "PRODUCT",
        businessLine: "LOANS",
      });
    const r = await runTrendWatch({ database: s.database, clock: s.clock });
    // Two complaints of the earlier cases (service attitude, deposits) make a trend under this rule too.
    const rows = await s.database.query<{ id: string; due_at: Date | string }>(
      "select id, due_at from improvement_actions where source_id = 'PRODUCT:LOANS:2026-06-06'",
    );
    expect(rows).toHaveLength(1);
    expect(r.raised).toContain(rows[0].id);
    const row = rows[0];
    expect(new Date(row.due_at).toISOString()).toBe(new Date(START.getTime() + 14 * DAY).toISOString());
  });
});
