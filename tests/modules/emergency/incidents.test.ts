import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkCustomer } from "../../helpers/customers";
import { type TestServer, startTestServer } from "../../helpers/server";
import { newId } from "../../../src/core/ids";
import { approvedPlan, count, mutate, ok, staffId } from "../incidents/fixtures";

let s: TestServer;
let supervisor: string, manager: string, rep1: string, rep2: string;
let firePlan: string;
const INCIDENT =
  "incident { id status level planId: plan { id } checklist { ordinal done doneBy { username } doneAt } timeline { kind note author { username } } report { cause } }";

beforeAll(async () => {
  s = await startTestServer();
  [supervisor, manager, rep1, rep2] = await Promise.all(["supervisor", "manager", "rep1", "rep2"].map((u) => s.login(u)));
  firePlan = await approvedPlan(s, manager, supervisor, "FIRE");
});
afterAll(() => s?.close());

const report = (token: string, extra: Record<string, unknown> = {}) =>
  ok(s, token, "emergencyIncidentReport", { type: "FIRE", level: "III", location: "Counter hall", description: "Smoke from the printer", ...extra }, INCIDENT);

/** A complaint received by `token` for a new customer; returns its id. */
async function receivedComplaint(token: string): Promise<string> {
  const customerId = newId("cus");
  await s.database.query("insert into customers (id, full_name) values ($1, $2)", [customerId, "Smoke Complainant"]);
  await linkCustomer(s, customerId, "rep1", "rep2", "manager");
  const r = await ok(
    s,
    token,
    "complaintReceive",
    { customerId, channel: "COUNTER", subject: "Smoke", description: "The hall filled with smoke" },
    "complaint { id }",
  );
  return r.complaint.id;
}

/** An exception recorded by `token` on a new walk-in ticket; returns its id. */
async function recordedException(token: string): Promise<string> {
  const t = await ok(s, token, "receptionTakeTicket", { channel: "COUNTER", businessType: "OTHER" }, "visit { id }");
  const e = await ok(
    s,
    token,
    "receptionExceptionRecord",
    { visitId: t.visit.id, kind: "CUSTOMER_EMERGENCY", description: "Customer fainted in the smoke" },
    "exception { id }",
  );
  return e.exception.id;
}

const REPORT = {
  cause: "Printer fault",
  impact: "Hall closed 20 min",
  timelineSummary: "10:00 smoke; 10:20 cleared",
  whatWorked: "Evacuation",
  whatDidNotWork: "Alarm was late",
};

describe("emergency incidents (突发事件)", () => {
  it("when a representative reports and a manager activates the plan, then the plan's steps become a checklist ticked once each with who and when", async () => {
    const r = await report(rep1);
    expect(r.incident).toMatchObject({ status: "REPORTED", level: "III", checklist: [], timeline: [{ kind: "REPORTED", author: { username: "rep1" } }] });
    const id = r.incident.id;
    const a = await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan }, INCIDENT);
    expect(a.incident.status).toBe("RESPONDING");
    expect(a.incident.checklist.map((c: { ordinal: number; done: boolean }) => [c.ordinal, c.done])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    const t = await ok(s, supervisor, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 2, note: "All out" }, INCIDENT);
    expect(t.incident.checklist[1]).toMatchObject({ done: true, doneBy: { username: "supervisor" } });
    expect(t.incident.checklist[1].doneAt).toBeTruthy();
    const twice = await mutate(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 2 }, INCIDENT);
    expect(twice.code).toBe("STEP_ALREADY_DONE");
    expect(await count(s, "emergency_incident_updates where incident_id = $1 and kind = 'STEP_DONE'", [id])).toBe(1);
    expect((await mutate(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 7 })).payload.userErrors[0].field).toEqual(["ordinal"]);
    expect((await mutate(s, rep1, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 1 })).topCode).toBe("FORBIDDEN");
  });

  it("when the plan is retired, a draft, of another type, or the incident already responds, then activation is refused and nothing is written", async () => {
    const id = (await report(rep1)).incident.id;
    const draft = await ok(
      s,
      manager,
      "emergencyPlanDraft",
      { type: "FIRE", title: "Fire v2", level: "II", drillIntervalDays: 30, steps: [{ action: "x", responsibleRole: "MANAGER" }] },
      "plan { id }",
    );
    expect((await mutate(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: draft.plan.id })).code).toBe("PLAN_NOT_APPROVED");
    const retired = await approvedPlan(s, manager, supervisor, "ROBBERY");
    await ok(s, supervisor, "emergencyPlanRetire", { planId: retired, reason: "obsolete" }, "plan { id }");
    expect((await mutate(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: retired })).code).toBe("PLAN_NOT_APPROVED");
    const robbery = await approvedPlan(s, manager, supervisor, "ROBBERY");
    expect((await mutate(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: robbery })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan })).topCode).toBe("FORBIDDEN");
    expect(await count(s, "emergency_incident_steps where incident_id = $1", [id])).toBe(0);
    // Approving the draft retired the plan the fixture approved; use the newly approved one.
    await ok(s, supervisor, "emergencyPlanApprove", { planId: draft.plan.id }, "plan { id }");
    firePlan = draft.plan.id;
    await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan }, "incident { id }");
    expect((await mutate(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan })).code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when a level II incident is resolved, then it cannot be closed before its report; after the report it closes", async () => {
    const id = (await report(rep1, { level: "II" })).incident.id;
    const active = await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan }, "incident { checklist { ordinal } }");
    for (const { ordinal } of active.incident.checklist) await ok(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal }, "incident { id }");
    await ok(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CONTAINED", note: "Fire out" }, "incident { id }");
    await ok(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "RESOLVED" }, "incident { id }");
    const refused = await mutate(s, supervisor, "emergencyIncidentChangeStatus", { incidentId: id, status: "CLOSED" });
    expect(refused.code).toBe("REPORT_REQUIRED");
    expect(await count(s, "emergency_incidents where id = $1 and status = 'RESOLVED'", [id])).toBe(1);
    const rep2Id = await staffId(s, rep2);
    const filed = await ok(
      s,
      supervisor,
      "emergencyIncidentFileReport",
      {
        incidentId: id,
        ...REPORT,
        actions: [{ description: "Service printers", ownerId: rep2Id, dueAt: new Date(Date.now() + 86_400_000 * 10).toISOString() }],
      },
      "incident { report { cause whatDidNotWork } improvementActions { owner { username } status } }",
    );
    expect(filed.incident.report).toEqual({ cause: "Printer fault", whatDidNotWork: "Alarm was late" });
    expect(filed.incident.improvementActions).toEqual([{ owner: { username: "rep2" }, status: "OPEN" }]);
    expect((await mutate(s, supervisor, "emergencyIncidentFileReport", { incidentId: id, ...REPORT })).code).toBe("DUPLICATE");
    const closed = await ok(s, supervisor, "emergencyIncidentChangeStatus", { incidentId: id, status: "CLOSED" }, "incident { status closedAt }");
    expect(closed.incident.status).toBe("CLOSED");
  });

  it("when an incident has no plan, then it cannot pass REPORTED: containing, resolving or closing it is refused naming the state", async () => {
    const id = (await report(rep2, { level: "IV", type: "OTHER" })).incident.id;
    for (const status of ["CONTAINED", "RESOLVED", "CLOSED"]) {
      const refused = await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status, note: "False alarm" });
      expect(refused.code).toBe("INVALID_STATE_TRANSITION");
      expect(refused.payload.userErrors[0].message).toContain("REPORTED");
    }
    expect(await count(s, "emergency_incidents where id = $1 and status = 'REPORTED'", [id])).toBe(1);
  });

  it("when required steps are open, then containment is refused naming them; each done or skipped with a reason lets it pass, and a level IV incident closes without a report", async () => {
    const plan = await approvedPlan(s, manager, supervisor, "POWER_OUTAGE", {
      steps: [
        { action: "Switch to the generator", responsibleRole: "MANAGER" },
        { action: "Call the utility", responsibleRole: "SUPERVISOR", required: true },
        { action: "Put up a notice", responsibleRole: "REPRESENTATIVE", required: false },
      ],
    });
    const plans = await s.gql(`query($id: ID!) { node(id: $id) { ... on EmergencyPlan { steps { ordinal required } } } }`, { id: plan }, manager);
    expect(plans.data.node.steps).toEqual([
      { ordinal: 1, required: true },
      { ordinal: 2, required: true },
      { ordinal: 3, required: false },
    ]);
    const id = (await report(rep1, { level: "IV", type: "POWER_OUTAGE" })).incident.id;
    await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: plan }, "incident { id }");
    const early = await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CONTAINED" });
    expect(early.code).toBe("STEPS_OUTSTANDING");
    expect(early.payload.userErrors[0].message).toContain("1, 2");
    await ok(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 1 }, "incident { id }");
    expect((await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CONTAINED" })).code).toBe("STEPS_OUTSTANDING");
    expect((await mutate(s, manager, "emergencyIncidentSkipStep", { incidentId: id, ordinal: 2, reason: "  " })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "emergencyIncidentSkipStep", { incidentId: id, ordinal: 2, reason: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, manager, "emergencyIncidentSkipStep", { incidentId: id, ordinal: 1, reason: "x" })).code).toBe("STEP_ALREADY_DONE");
    expect(await count(s, "emergency_incident_steps where incident_id = $1 and skipped_at is not null", [id])).toBe(0);
    const skipped = await ok(
      s,
      supervisor,
      "emergencyIncidentSkipStep",
      { incidentId: id, ordinal: 2, reason: "Power came back before the call" },
      "incident { checklist { ordinal required done skippedReason skippedBy { username } } }",
    );
    expect(skipped.incident.checklist[1]).toEqual({
      ordinal: 2,
      required: true,
      done: false,
      skippedReason: "Power came back before the call",
      skippedBy: { username: "supervisor" },
    });
    expect((await mutate(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 2 })).code).toBe("STEP_SKIPPED");
    // Step 3 is optional: left open, it does not hold containment back.
    await ok(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CONTAINED" }, "incident { id }");
    await ok(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "RESOLVED" }, "incident { id }");
    expect((await ok(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CLOSED" }, "incident { status }")).incident.status).toBe("CLOSED");
    expect((await mutate(s, manager, "emergencyIncidentChangeLevel", { incidentId: id, level: "I", reason: "late" })).code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when status changes are illegal, premature, unknown or by a representative, then each is refused naming the state", async () => {
    const id = (await report(rep1)).incident.id;
    const illegal = await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "CONTAINED" });
    expect(illegal.code).toBe("INVALID_STATE_TRANSITION");
    expect(illegal.payload.userErrors[0].message).toContain("REPORTED");
    expect((await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: id, status: "RESPONDING" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, manager, "emergencyIncidentFileReport", { incidentId: id, ...REPORT })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, manager, "emergencyIncidentFileReport", { incidentId: id, ...REPORT, cause: "" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "emergencyIncidentFileReport", { incidentId: id, ...REPORT })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, rep1, "emergencyIncidentChangeStatus", { incidentId: id, status: "RESOLVED" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, manager, "emergencyIncidentChangeStatus", { incidentId: "ein_00000000000000000000000000", status: "RESOLVED" })).code).toBe(
      "NOT_FOUND",
    );
  });

  it("when the level is raised with a reason, then the timeline says so; the same level, no reason or a representative is refused", async () => {
    const id = (await report(rep1)).incident.id;
    const r = await ok(s, supervisor, "emergencyIncidentChangeLevel", { incidentId: id, level: "I", reason: "Spreading to the vault" }, INCIDENT);
    expect(r.incident.level).toBe("I");
    expect(r.incident.timeline.at(-1)).toMatchObject({ kind: "LEVEL_CHANGED", note: "Level raised from III to I: Spreading to the vault" });
    expect((await mutate(s, supervisor, "emergencyIncidentChangeLevel", { incidentId: id, level: "I", reason: "x" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, supervisor, "emergencyIncidentChangeLevel", { incidentId: id, level: "II", reason: "" })).payload.userErrors[0].field).toEqual([
      "reason",
    ]);
    expect((await mutate(s, rep1, "emergencyIncidentChangeLevel", { incidentId: id, level: "II", reason: "x" })).topCode).toBe("FORBIDDEN");
  });

  it("when the reporter adds an update, then it joins the timeline; another representative cannot see or update it", async () => {
    const id = (await report(rep1)).incident.id;
    const u = await ok(s, rep1, "emergencyIncidentAddUpdate", { incidentId: id, note: "Fire door is jammed" }, INCIDENT);
    expect(u.incident.timeline.at(-1)).toMatchObject({ kind: "UPDATE_ADDED", note: "Fire door is jammed" });
    expect((await mutate(s, rep2, "emergencyIncidentAddUpdate", { incidentId: id, note: "x" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, rep1, "emergencyIncidentAddUpdate", { incidentId: id, note: " " })).code).toBe("BAD_USER_INPUT");
    expect((await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, rep2)).data.node).toBeNull();
    const mine = await s.gql(`{ emergencyIncidents(first: 100) { nodes { reporter { username } } } }`, {}, rep2);
    expect(mine.data.emergencyIncidents.nodes.every((n: any) => n.reporter.username === "rep2")).toBe(true);
    const all = await s.gql(`{ emergencyIncidents(first: 100, filterBy: { levelAtLeast: III }) { totalCount } }`, {}, supervisor);
    expect(all.data.emergencyIncidents.totalCount).toBeGreaterThan(1);
  });

  it("when a handler links a complaint and a reception exception to an incident, then the links are listed; bad ids, duplicates and representatives are refused", async () => {
    const id = (await report(rep1)).incident.id;
    const complaintId = await receivedComplaint(rep1);
    const exceptionId = await recordedException(rep1);
    const l = await ok(
      s,
      manager,
      "incidentLinkAdd",
      { incidentId: id, linkedType: "COMPLAINT", linkedId: complaintId, note: "Customer complained about the smoke" },
      "link { id linkedType linkedId createdBy { username } }",
    );
    expect(l.link).toMatchObject({ linkedType: "COMPLAINT", linkedId: complaintId, createdBy: { username: "manager" } });
    await ok(s, manager, "incidentLinkAdd", { incidentId: id, linkedType: "RECEPTION_EXCEPTION", linkedId: exceptionId }, "link { id }");
    expect((await mutate(s, manager, "incidentLinkAdd", { incidentId: id, linkedType: "COMPLAINT", linkedId: complaintId })).code).toBe("DUPLICATE");
    expect((await mutate(s, manager, "incidentLinkAdd", { incidentId: id, linkedType: "COMPLAINT", linkedId: "not-an-id" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, manager, "incidentLinkAdd", { incidentId: id, linkedType: "COMPLAINT", linkedId: exceptionId })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, rep1, "incidentLinkAdd", { incidentId: id, linkedType: "COMPLAINT", linkedId: "cmp_01JDX3Q6Y4B0M7R2T9K5E8W1ZD" })).topCode).toBe(
      "FORBIDDEN",
    );
    const links = await s.gql(`query($id: ID!) { node(id: $id) { ... on EmergencyIncident { links { linkedType } } } }`, { id }, supervisor);
    expect(links.data.node.links.map((x: { linkedType: string }) => x.linkedType)).toEqual(["COMPLAINT", "RECEPTION_EXCEPTION"]);
  });

  it("when a report has bad input or comes without a token, then it is refused and nothing is written", async () => {
    const before = await count(s, "emergency_incidents");
    expect(
      (await mutate(s, rep1, "emergencyIncidentReport", { type: "FIRE", level: "II", location: "", description: "x" })).payload.userErrors[0].field,
    ).toEqual(["location"]);
    expect((await mutate(s, null, "emergencyIncidentReport", { type: "FIRE", level: "II", location: "x", description: "x" })).topCode).toBe("UNAUTHENTICATED");
    expect(await count(s, "emergency_incidents")).toBe(before);
  });
});
