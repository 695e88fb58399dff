import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { PLAN_FIELDS, approvedPlan, count, mutate, ok, planInput, staffId } from "../incidents/fixtures";

let s: TestServer;
let supervisor: string, manager: string, rep1: string, security: string;
beforeAll(async () => {
  s = await startTestServer();
  [supervisor, manager, rep1, security] = await Promise.all(["supervisor", "manager", "rep1", "security"].map((u) => s.login(u)));
});
afterAll(() => s?.close());

describe("emergency plans (应急预案)", () => {
  it("when a manager drafts a plan, then it is a numbered DRAFT with ordered steps", async () => {
    const p = await ok(s, manager, "emergencyPlanDraft", planInput("POWER_OUTAGE"), PLAN_FIELDS);
    expect(p.plan).toMatchObject({ status: "DRAFT", version: 1, type: "POWER_OUTAGE", level: "II" });
    expect(p.plan.steps.map((x: { ordinal: number }) => x.ordinal)).toEqual([1, 2, 3]);
    expect(p.plan.steps[0]).toMatchObject({ responsibleRole: "MANAGER", contacts: "Fire brigade 119" });
  });

  it("when a representative drafts a plan, then it is FORBIDDEN and nothing is written", async () => {
    const before = await count(s, "emergency_plans");
    const r = await mutate(s, rep1, "emergencyPlanDraft", planInput("ROBBERY"), PLAN_FIELDS);
    expect(r.topCode).toBe("FORBIDDEN");
    expect(await count(s, "emergency_plans")).toBe(before);
  });

  it("when a draft has no steps, a blank step or a silly interval, then BAD_USER_INPUT names the field and nothing is written", async () => {
    const before = await count(s, "emergency_plans");
    expect((await mutate(s, manager, "emergencyPlanDraft", planInput("ROBBERY", { steps: [] }))).code).toBe("BAD_USER_INPUT");
    const blank = await mutate(s, manager, "emergencyPlanDraft", planInput("ROBBERY", { steps: [{ action: "  ", responsibleRole: "MANAGER" }] }));
    expect(blank.payload.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: ["steps.0.action"] });
    expect((await mutate(s, manager, "emergencyPlanDraft", planInput("ROBBERY", { drillIntervalDays: 0 }))).payload.userErrors[0].field).toEqual([
      "drillIntervalDays",
    ]);
    expect(await count(s, "emergency_plans")).toBe(before);
  });

  it("when a supervisor approves a second version, then the first is retired as superseded and only one is approved", async () => {
    const v1 = await approvedPlan(s, manager, supervisor, "SYSTEM_OUTAGE");
    const v2 = await ok(s, security, "emergencyPlanDraft", planInput("SYSTEM_OUTAGE"), PLAN_FIELDS);
    expect(v2.plan.version).toBe(2);
    const approved = await ok(s, supervisor, "emergencyPlanApprove", { planId: v2.plan.id }, PLAN_FIELDS);
    expect(approved.plan.status).toBe("APPROVED");
    const old = await s.gql(`query($id: ID!) { node(id: $id) { ... on EmergencyPlan { status supersededById retiredReason } } }`, { id: v1 }, rep1);
    expect(old.data.node).toEqual({ status: "RETIRED", supersededById: v2.plan.id, retiredReason: "Superseded by version 2." });
    expect(await count(s, "emergency_plans where type = 'SYSTEM_OUTAGE' and status = 'APPROVED'")).toBe(1);
    const list = await s.gql(`{ emergencyPlans(filterBy: { type: SYSTEM_OUTAGE, status: APPROVED }) { totalCount nodes { id } } }`, {}, rep1);
    expect(list.data.emergencyPlans).toEqual({ totalCount: 1, nodes: [{ id: v2.plan.id }] });
  });

  it("when two drafts of one type are approved at the same time, then exactly one version ends up approved", async () => {
    const a = await ok(s, manager, "emergencyPlanDraft", planInput("NATURAL_DISASTER", { title: "Quake A" }), "plan { id }");
    const b = await ok(s, security, "emergencyPlanDraft", planInput("NATURAL_DISASTER", { title: "Quake B" }), "plan { id }");
    const results = await Promise.all([a, b].map((d) => mutate(s, supervisor, "emergencyPlanApprove", { planId: d.plan.id })));
    expect(results.every((r) => r.payload.userErrors.length === 0)).toBe(true);
    expect(await count(s, "emergency_plans where type = 'NATURAL_DISASTER' and status = 'APPROVED'")).toBe(1);
  });

  it("when a department-scoped plan is approved beside a center-wide one of the same type, then both stay approved", async () => {
    const wide = await approvedPlan(s, manager, supervisor, "FIRE");
    const dept = (await s.gql(`{ department(code: CUSTOMER_SERVICE) { id } }`, {}, manager)).data.department.id;
    const scoped = await approvedPlan(s, manager, supervisor, "FIRE", { scopeDepartmentId: dept });
    const r = await s.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on EmergencyPlan { status version scopeDepartment { code } } } }`,
      { ids: [wide, scoped] },
      rep1,
    );
    expect(r.data.nodes).toEqual([
      { status: "APPROVED", version: expect.any(Number), scopeDepartment: null },
      { status: "APPROVED", version: 1, scopeDepartment: { code: "CUSTOMER_SERVICE" } },
    ]);
  });

  it("when the author approves their own plan, then MAKER_CHECKER refuses it; a manager approving is FORBIDDEN", async () => {
    const draft = await ok(s, supervisor, "emergencyPlanDraft", planInput("PUBLIC_HEALTH"), "plan { id }");
    const own = await mutate(s, supervisor, "emergencyPlanApprove", { planId: draft.plan.id }, "plan { status }");
    expect(own.code).toBe("MAKER_CHECKER");
    expect((await mutate(s, manager, "emergencyPlanApprove", { planId: draft.plan.id })).topCode).toBe("FORBIDDEN");
    expect(await count(s, "emergency_plans where id = $1 and status = 'DRAFT'", [draft.plan.id])).toBe(1);
  });

  it("when an approved or unknown plan is approved again, then the error names the state or NOT_FOUND", async () => {
    const id = await approvedPlan(s, manager, supervisor, "NATURAL_DISASTER");
    const again = await mutate(s, supervisor, "emergencyPlanApprove", { planId: id });
    expect(again.code).toBe("INVALID_STATE_TRANSITION");
    expect(again.payload.userErrors[0].message).toContain("APPROVED");
    expect((await mutate(s, supervisor, "emergencyPlanApprove", { planId: "epl_00000000000000000000000000" })).code).toBe("NOT_FOUND");
  });

  it("when a supervisor retires a plan with a reason, then it is RETIRED; without a reason or as a manager it is refused", async () => {
    const id = await approvedPlan(s, manager, supervisor, "OTHER");
    expect((await mutate(s, supervisor, "emergencyPlanRetire", { planId: id, reason: " " })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, manager, "emergencyPlanRetire", { planId: id, reason: "old" })).topCode).toBe("FORBIDDEN");
    const r = await ok(s, supervisor, "emergencyPlanRetire", { planId: id, reason: "Replaced by regional plan" }, "plan { status retiredReason }");
    expect(r.plan).toEqual({ status: "RETIRED", retiredReason: "Replaced by regional plan" });
    expect((await mutate(s, supervisor, "emergencyPlanRetire", { planId: id, reason: "again" })).code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a draft is approved twice with the same idempotency key, then the second answer is replayed and audited once", async () => {
    const draft = await ok(s, manager, "emergencyPlanDraft", planInput("MASS_COMPLAINT"), "plan { id }");
    const input = { planId: draft.plan.id, idempotencyKey: "approve-mass-complaint-1" };
    const first = await ok(s, supervisor, "emergencyPlanApprove", input, "plan { status }");
    const second = await ok(s, supervisor, "emergencyPlanApprove", input, "plan { status }");
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, plan: { status: "APPROVED" } });
    expect(await count(s, "audit_log where action = 'emergencyPlan.approve' and target_id = $1", [draft.plan.id])).toBe(1);
    const other = await mutate(s, supervisor, "emergencyPlanApprove", { planId: "epl_00000000000000000000000000", idempotencyKey: input.idempotencyKey });
    expect(other.code).toBe("IDEMPOTENCY_KEY_MISMATCH");
  });
});

describe("drills (应急预案演练)", () => {
  it("when a drill runs from schedule to evaluation, then its steps, findings and actions are recorded", async () => {
    const planId = await approvedPlan(s, manager, supervisor, "FIRE");
    const rep1Id = await staffId(s, rep1);
    const d = await ok(
      s,
      manager,
      "emergencyDrillSchedule",
      { planId, kind: "TABLETOP", title: "Q4 fire tabletop", scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), participantIds: [rep1Id] },
      "drill { id status participants { username } }",
    );
    expect(d.drill).toMatchObject({ status: "SCHEDULED", participants: [{ username: "rep1" }] });
    const drillId = d.drill.id;
    expect((await ok(s, manager, "emergencyDrillStart", { drillId }, "drill { status startedAt }")).drill.status).toBe("IN_PROGRESS");
    await ok(s, manager, "emergencyDrillRecordStep", { drillId, ordinal: 1, observation: "Alarm raised in 40 s" }, "drill { id }");
    expect((await mutate(s, manager, "emergencyDrillRecordStep", { drillId, ordinal: 1, observation: "again" })).code).toBe("CONFLICT");
    expect((await mutate(s, manager, "emergencyDrillRecordStep", { drillId, ordinal: 9, observation: "x" })).payload.userErrors[0].field).toEqual(["ordinal"]);
    const f = await ok(
      s,
      manager,
      "emergencyDrillAddFinding",
      {
        drillId,
        severity: "HIGH",
        description: "Side exit blocked by boxes",
        actions: [{ description: "Clear the side exit and check weekly", ownerId: rep1Id, dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }],
      },
      "finding { id severity improvementActions { id status owner { username } } } actions { id }",
    );
    expect(f.finding.severity).toBe("HIGH");
    expect(f.finding.improvementActions).toHaveLength(1);
    const done = await ok(
      s,
      manager,
      "emergencyDrillComplete",
      { drillId, evaluationScore: 78, evaluationSummary: "Acceptable; exits need work" },
      "drill { status evaluationScore endedAt stepLog { ordinal observation } findings { severity } }",
    );
    expect(done.drill).toMatchObject({
      status: "COMPLETED",
      evaluationScore: 78,
      stepLog: [{ ordinal: 1, observation: "Alarm raised in 40 s" }],
      findings: [{ severity: "HIGH" }],
    });
    // The action's owner moves it on; someone else without the role may not.
    const actionId = f.actions[0].id;
    expect((await mutate(s, await s.login("rep2"), "improvementActionUpdateStatus", { actionId, status: "DONE" })).topCode).toBe("FORBIDDEN");
    expect((await ok(s, rep1, "improvementActionUpdateStatus", { actionId, status: "DONE" }, "action { status completedAt }")).action.status).toBe("DONE");
    expect((await mutate(s, rep1, "improvementActionUpdateStatus", { actionId, status: "OPEN" })).code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a drill is scheduled against a draft plan, by a representative, or with bad input, then it is refused and nothing is written", async () => {
    const draft = await ok(s, manager, "emergencyPlanDraft", planInput("ROBBERY"), "plan { id }");
    const rep1Id = await staffId(s, rep1);
    const base = { planId: draft.plan.id, kind: "WALKTHROUGH", title: "Robbery walk", scheduledAt: new Date().toISOString(), participantIds: [rep1Id] };
    const before = await count(s, "emergency_drills");
    expect((await mutate(s, manager, "emergencyDrillSchedule", base)).code).toBe("PLAN_NOT_APPROVED");
    expect((await mutate(s, rep1, "emergencyDrillSchedule", base)).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, manager, "emergencyDrillSchedule", { ...base, participantIds: [] })).code).toBe("BAD_USER_INPUT");
    const approved = await approvedPlan(s, manager, supervisor, "ROBBERY");
    expect((await mutate(s, manager, "emergencyDrillSchedule", { ...base, planId: approved, participantIds: ["stf_00000000000000000000000000"] })).code).toBe(
      "NOT_FOUND",
    );
    expect((await mutate(s, manager, "emergencyDrillSchedule", { ...base, planId: approved, title: "" })).payload.userErrors[0].field).toEqual(["title"]);
    expect(await count(s, "emergency_drills")).toBe(before);
  });

  it("when drills are started, cancelled, completed or given findings in the wrong state or by the wrong person, then each is refused", async () => {
    const planId = await approvedPlan(s, manager, supervisor, "PUBLIC_HEALTH");
    const d = await ok(
      s,
      supervisor,
      "emergencyDrillSchedule",
      { planId, kind: "FULL_SCALE", title: "Flu", scheduledAt: new Date().toISOString(), participantIds: [await staffId(s, rep1)] },
      "drill { id }",
    );
    const drillId = d.drill.id;
    expect((await mutate(s, rep1, "emergencyDrillStart", { drillId })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, manager, "emergencyDrillComplete", { drillId, evaluationScore: 50, evaluationSummary: "x" })).code).toBe(
      "INVALID_STATE_TRANSITION",
    );
    expect((await mutate(s, manager, "emergencyDrillAddFinding", { drillId, severity: "LOW", description: "x" })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, manager, "emergencyDrillRecordStep", { drillId, ordinal: 1, observation: "x" })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, manager, "emergencyDrillCancel", { drillId })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "emergencyDrillCancel", { drillId, reason: "no" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, manager, "emergencyDrillStart", { drillId: "edr_00000000000000000000000000" })).code).toBe("NOT_FOUND");
    await ok(s, manager, "emergencyDrillStart", { drillId }, "drill { id }");
    expect((await mutate(s, manager, "emergencyDrillStart", { drillId })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, manager, "emergencyDrillComplete", { drillId, evaluationScore: 101, evaluationSummary: "x" })).payload.userErrors[0].field).toEqual(
      ["evaluationScore"],
    );
    expect((await mutate(s, rep1, "emergencyDrillComplete", { drillId, evaluationScore: 50, evaluationSummary: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, rep1, "emergencyDrillRecordStep", { drillId, ordinal: 1, observation: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, rep1, "emergencyDrillAddFinding", { drillId, severity: "LOW", description: "x" })).topCode).toBe("FORBIDDEN");
    const past = await mutate(s, manager, "emergencyDrillAddFinding", {
      drillId,
      severity: "LOW",
      description: "x",
      actions: [{ description: "y", ownerId: await staffId(s, rep1), dueAt: "2000-01-01T00:00:00Z" }],
    });
    expect(past.code).toBe("BAD_USER_INPUT");
    expect(await count(s, "emergency_drill_findings where drill_id = $1", [drillId])).toBe(0);
    expect((await mutate(s, manager, "emergencyDrillCancel", { drillId, reason: "too late" })).code).toBe("INVALID_STATE_TRANSITION");
    const other = await ok(
      s,
      manager,
      "emergencyDrillSchedule",
      { planId, kind: "FUNCTIONAL", title: "Flu 2", scheduledAt: new Date().toISOString(), participantIds: [await staffId(s, rep1)] },
      "drill { id }",
    );
    expect((await ok(s, manager, "emergencyDrillCancel", { drillId: other.drill.id, reason: "Holiday" }, "drill { status }")).drill.status).toBe("CANCELLED");
  });

  it("when an approved plan has had no completed drill within its interval, then it is listed as overdue until one is completed", async () => {
    const planId = await approvedPlan(s, manager, supervisor, "POWER_OUTAGE", { drillIntervalDays: 30 });
    let reader = rep1;
    const overdue = async () =>
      (await s.gql(`{ overdueDrills { plan { id } dueAt lastDrillAt } }`, {}, reader)).data.overdueDrills.filter((o: any) => o.plan.id === planId);
    expect(await overdue()).toEqual([]);
    s.clock.advance(31 * 86_400_000);
    // Tokens expire over a month; sign in again.
    [reader, manager] = [await s.login("rep1"), await s.login("manager")];
    const listed = await overdue();
    expect(listed).toHaveLength(1);
    expect(listed[0].lastDrillAt).toBeNull();
    const d = await ok(
      s,
      manager,
      "emergencyDrillSchedule",
      { planId, kind: "TABLETOP", title: "Power", scheduledAt: new Date().toISOString(), participantIds: [await staffId(s, reader)] },
      "drill { id }",
    );
    await ok(s, manager, "emergencyDrillStart", { drillId: d.drill.id }, "drill { id }");
    await ok(s, manager, "emergencyDrillComplete", { drillId: d.drill.id, evaluationScore: 90, evaluationSummary: "Good" }, "drill { id }");
    expect(await overdue()).toEqual([]);
  });
});
