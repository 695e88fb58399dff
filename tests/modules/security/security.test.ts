import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { count, insertCustomer, mutate, ok } from "../incidents/fixtures";

let s: TestServer;
let supervisor: string, security: string, rep1: string, rep2: string, manager: string;
beforeAll(async () => {
  s = await startTestServer();
  [supervisor, security, rep1, rep2, manager] = await Promise.all(["supervisor", "security", "rep1", "rep2", "manager"].map((u) => s.login(u)));
});
afterAll(() => s?.close());

const POLICY = "policy { id currentVersion current { id version } viewerHasAcknowledged }";
const unacked = async (policyId: string, token = security) => {
  const r = await s.gql(
    `query($id: ID!) { node(id: $id) { ... on SecurityPolicy { unacknowledgedStaff(first: 100) { totalCount nodes { username } } } } }`,
    { id: policyId },
    token,
  );
  return r;
};

describe("security policies (信息安全制度)", () => {
  it("when staff acknowledge the current version, then they leave the not-acknowledged list; a new version puts everyone back", async () => {
    const p = await ok(s, security, "securityPolicyCreate", { title: "Clean desk", body: "Lock your screen." }, POLICY);
    const policyId = p.policy.id;
    const v1 = p.policy.current.id;
    const total = (await unacked(policyId)).data.node.unacknowledgedStaff.totalCount;
    expect(total).toBeGreaterThanOrEqual(10);
    const a = await ok(s, rep1, "securityPolicyAcknowledge", { versionId: v1 }, POLICY);
    expect(a.policy.viewerHasAcknowledged).toBe(true);
    const after = (await unacked(policyId, supervisor)).data.node.unacknowledgedStaff;
    expect(after.totalCount).toBe(total - 1);
    expect(after.nodes.map((n: { username: string }) => n.username)).not.toContain("rep1");
    expect((await mutate(s, rep1, "securityPolicyAcknowledge", { versionId: v1 })).code).toBe("DUPLICATE");

    const v2 = await ok(s, security, "securityPolicyPublishVersion", { policyId, body: "Lock your screen and drawers.", changeSummary: "Drawers too" }, POLICY);
    expect(v2.policy.currentVersion).toBe(2);
    expect((await unacked(policyId)).data.node.unacknowledgedStaff.totalCount).toBe(total);
    const old = await mutate(s, rep2, "securityPolicyAcknowledge", { versionId: v1 });
    expect(old.code).toBe("POLICY_VERSION_OUTDATED");
    expect(await count(s, "security_policy_acknowledgements where staff_id = (select id from staff where username = 'rep2')")).toBe(0);
    await ok(s, rep2, "securityPolicyAcknowledge", { versionId: v2.policy.current.id }, POLICY);
    expect((await unacked(policyId)).data.node.unacknowledgedStaff.totalCount).toBe(total - 1);
  });

  it("when a representative creates or publishes a policy or reads the gap list, then it is FORBIDDEN; bad input and unknown ids are refused", async () => {
    expect((await mutate(s, rep1, "securityPolicyCreate", { title: "x", body: "y" })).topCode).toBe("FORBIDDEN");
    const p = await ok(s, security, "securityPolicyCreate", { title: "Passwords", body: "Long ones." }, POLICY);
    expect((await mutate(s, supervisor, "securityPolicyPublishVersion", { policyId: p.policy.id, body: "y", changeSummary: "z" })).topCode).toBe("FORBIDDEN");
    expect((await unacked(p.policy.id, rep1)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await mutate(s, security, "securityPolicyCreate", { title: "Passwords", body: "dup" })).code).toBe("DUPLICATE");
    expect((await mutate(s, security, "securityPolicyCreate", { title: " ", body: "y" })).payload.userErrors[0].field).toEqual(["title"]);
    expect((await mutate(s, security, "securityPolicyPublishVersion", { policyId: p.policy.id, body: "y", changeSummary: "" })).code).toBe("BAD_USER_INPUT");
    expect(
      (await mutate(s, security, "securityPolicyPublishVersion", { policyId: "spo_00000000000000000000000000", body: "y", changeSummary: "z" })).code,
    ).toBe("NOT_FOUND");
    expect((await mutate(s, rep1, "securityPolicyAcknowledge", { versionId: "spv_00000000000000000000000000" })).code).toBe("NOT_FOUND");
    expect((await mutate(s, null, "securityPolicyAcknowledge", { versionId: p.policy.current.id })).topCode).toBe("UNAUTHENTICATED");
    expect(await count(s, "security_policy_versions where policy_id = $1", [p.policy.id])).toBe(1);
  });
});

const INCIDENT =
  "incident { id status severity regulatorNotificationRequired regulatorNotificationDueAt regulatorNotifiedAt affectedNotifiedAt affectedNotificationNote affectedSystems affectedCustomers { id } timeline { kind } }";

describe("security incidents (信息安全事件)", () => {
  it("when a data leak touching customers is reported, then the regulator and the affected people are due a notice within 24 hours, and it is REVIEWED only after both", async () => {
    const customer = await insertCustomer(s);
    const r = await ok(
      s,
      rep1,
      "securityIncidentReport",
      {
        category: "DATA_LEAK",
        severity: "HIGH",
        title: "Statement sent to wrong address",
        description: "Mail merge error",
        affectedSystems: ["mailer"],
        affectedCustomerIds: [customer],
      },
      INCIDENT,
    );
    expect(r.incident).toMatchObject({ status: "REPORTED", regulatorNotificationRequired: true, affectedSystems: ["mailer"], affectedCustomers: [] });
    // PIPL art. 57: without delay; 24 hours by default (PIPL_NOTIFICATION_HOURS), not the 72 of old.
    expect(new Date(r.incident.regulatorNotificationDueAt).getTime() - s.clock.now().getTime()).toBe(24 * 3_600_000);
    const id = r.incident.id;
    const t = await ok(s, security, "securityIncidentTriage", { incidentId: id, severity: "CRITICAL", note: "Confirmed" }, INCIDENT);
    expect(t.incident).toMatchObject({ status: "TRIAGED", severity: "CRITICAL", affectedCustomers: [{ id: customer }] });
    for (const status of ["CONTAINED", "ERADICATED", "RECOVERED"])
      await ok(s, security, "securityIncidentAdvance", { incidentId: id, status, note: status }, "incident { id }");
    expect((await mutate(s, security, "securityIncidentAdvance", { incidentId: id, status: "REVIEWED", note: "done" })).code).toBe("REGULATOR_NOT_NOTIFIED");
    await ok(s, supervisor, "securityIncidentNotifyRegulator", { incidentId: id, note: "Filed ref 2026-118" }, "incident { id }");
    expect((await mutate(s, supervisor, "securityIncidentNotifyRegulator", { incidentId: id, note: "again" })).code).toBe("CONFLICT");
    expect((await mutate(s, security, "securityIncidentAdvance", { incidentId: id, status: "REVIEWED", note: "done" })).code).toBe("AFFECTED_NOT_NOTIFIED");
    expect((await mutate(s, rep1, "securityIncidentNotifyAffected", { incidentId: id, note: "SMS" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, security, "securityIncidentNotifyAffected", { incidentId: id, note: " " })).code).toBe("BAD_USER_INPUT");
    expect(await count(s, "security_incidents where id = $1 and affected_notified_at is not null", [id])).toBe(0);
    const told = await ok(s, security, "securityIncidentNotifyAffected", { incidentId: id, note: "Letter and SMS to the 1 customer" }, INCIDENT);
    expect(told.incident).toMatchObject({ affectedNotificationNote: "Letter and SMS to the 1 customer" });
    expect(told.incident.affectedNotifiedAt).toBeTruthy();
    expect((await mutate(s, security, "securityIncidentNotifyAffected", { incidentId: id, note: "again" })).code).toBe("CONFLICT");
    const done = await ok(s, security, "securityIncidentAdvance", { incidentId: id, status: "REVIEWED", note: "Lessons learned" }, INCIDENT);
    expect(done.incident.status).toBe("REVIEWED");
    expect(done.incident.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      "REPORTED",
      "STATUS_CHANGED",
      "STATUS_CHANGED",
      "STATUS_CHANGED",
      "STATUS_CHANGED",
      "REGULATOR_NOTIFIED",
      "AFFECTED_NOTIFIED",
      "CLOSED",
    ]);
  });

  it("when a step is skipped, repeated or triage is asked of advance, then INVALID_STATE_TRANSITION or BAD_USER_INPUT; nothing changes", async () => {
    const id = (
      await ok(s, rep2, "securityIncidentReport", { category: "PHISHING", severity: "LOW", title: "Odd mail", description: "Link to fake bank" }, INCIDENT)
    ).incident.id;
    const skip = await mutate(s, security, "securityIncidentAdvance", { incidentId: id, status: "CONTAINED", note: "x" });
    expect(skip.code).toBe("INVALID_STATE_TRANSITION");
    expect(skip.payload.userErrors[0].message).toContain("allowed next: TRIAGED");
    expect((await mutate(s, security, "securityIncidentAdvance", { incidentId: id, status: "TRIAGED", note: "x" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, security, "securityIncidentTriage", { incidentId: id, severity: "LOW", note: "" })).code).toBe("BAD_USER_INPUT");
    await ok(s, security, "securityIncidentTriage", { incidentId: id, severity: "LOW", note: "Blocked sender" }, "incident { id }");
    expect((await mutate(s, security, "securityIncidentTriage", { incidentId: id, severity: "LOW", note: "again" })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, security, "securityIncidentNotifyRegulator", { incidentId: id, note: "x" })).code).toBe("CONFLICT");
    expect(await count(s, "security_incidents where id = $1 and status = 'TRIAGED'", [id])).toBe(1);
  });

  it("when other staff act on an incident, then handling is FORBIDDEN and they see only what they reported", async () => {
    const mine = (
      await ok(s, rep1, "securityIncidentReport", { category: "LOST_DEVICE", severity: "MEDIUM", title: "Lost badge", description: "On the bus" }, INCIDENT)
    ).incident.id;
    for (const [field, input] of [
      ["securityIncidentTriage", { incidentId: mine, severity: "LOW", note: "x" }],
      ["securityIncidentAdvance", { incidentId: mine, status: "CONTAINED", note: "x" }],
      ["securityIncidentRecordAffected", { incidentId: mine, systems: ["door"] }],
      ["securityIncidentNotifyRegulator", { incidentId: mine, note: "x" }],
    ] as const) {
      expect((await mutate(s, rep1, field, input)).topCode, field).toBe("FORBIDDEN");
      expect((await mutate(s, manager, field, input)).topCode, field).toBe("FORBIDDEN");
    }
    const seenBy = async (token: string) => (await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: mine }, token)).data.node;
    expect(await seenBy(rep1)).toEqual({ id: mine });
    expect(await seenBy(rep2)).toBeNull();
    expect(await seenBy(supervisor)).toEqual({ id: mine });
    const list = await s.gql(`{ securityIncidents(first: 100) { nodes { reporter { username } } } }`, {}, rep2);
    expect(list.data.securityIncidents.nodes.every((n: any) => n.reporter.username === "rep2")).toBe(true);
  });

  it("when customers are recorded later on a data leak, then it becomes flagged; unknown customers and empty input are refused", async () => {
    const id = (
      await ok(
        s,
        security,
        "securityIncidentReport",
        { category: "DATA_LEAK", severity: "MEDIUM", title: "Share exposed", description: "Public link" },
        INCIDENT,
      )
    ).incident.id;
    const customer = await insertCustomer(s, "Another Customer");
    expect((await mutate(s, security, "securityIncidentRecordAffected", { incidentId: id })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, security, "securityIncidentRecordAffected", { incidentId: id, customerIds: ["cus_00000000000000000000000000"] })).code).toBe(
      "NOT_FOUND",
    );
    const r = await ok(
      s,
      security,
      "securityIncidentRecordAffected",
      { incidentId: id, systems: ["fileshare", "fileshare"], customerIds: [customer] },
      INCIDENT,
    );
    expect(r.incident).toMatchObject({ regulatorNotificationRequired: true, affectedSystems: ["fileshare"], affectedCustomers: [{ id: customer }] });
  });

  it("when a report has bad input, then nothing is written", async () => {
    const before = await count(s, "security_incidents");
    expect(
      (await mutate(s, rep1, "securityIncidentReport", { category: "MALWARE", severity: "LOW", title: "", description: "x" })).payload.userErrors[0].field,
    ).toEqual(["title"]);
    expect(
      (
        await mutate(s, rep1, "securityIncidentReport", {
          category: "MALWARE",
          severity: "LOW",
          title: "x",
          description: "x",
          affectedCustomerIds: ["cus_00000000000000000000000000"],
        })
      ).code,
    ).toBe("NOT_FOUND");
    expect((await mutate(s, null, "securityIncidentReport", { category: "MALWARE", severity: "LOW", title: "x", description: "x" })).topCode).toBe(
      "UNAUTHENTICATED",
    );
    expect(await count(s, "security_incidents")).toBe(before);
  });
});

describe("affected customers the reporter may not see", () => {
  it("when a representative names a customer outside their scope, then exactly the answer of an unknown id and no report; one in scope is recorded", async () => {
    const foreign = await insertCustomer(s, "Phone Team Customer", ["rep2"]);
    const report = (ids: string[]) =>
      mutate(s, rep1, "securityIncidentReport", { category: "DATA_LEAK", severity: "LOW", title: "x", description: "x", affectedCustomerIds: ids });
    const before = await count(s, "security_incidents");
    const unknown = await report(["cus_00000000000000000000000000"]);
    const hidden = await report([foreign]);
    expect(hidden.payload.userErrors).toEqual(unknown.payload.userErrors);
    expect(hidden.payload.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["affectedCustomerIds"] });
    expect(await count(s, "security_incidents")).toBe(before);
    const mine = await insertCustomer(s, "Counter Customer");
    expect((await report([mine])).payload.userErrors).toEqual([]);
  });
});

describe("regulator notification deadline", () => {
  it("when a data leak's 24-hour deadline passes with the affected people unnotified, then the watch flags it once and announces it live", async () => {
    const { flagRegulatorDeadlines } = await import("../../../src/modules/security/regulator-deadline.job");
    const customer = await insertCustomer(s);
    const id = (
      await ok(
        s,
        rep1,
        "securityIncidentReport",
        { category: "DATA_LEAK", severity: "MEDIUM", title: "USB lost", description: "Customer list", affectedCustomerIds: [customer] },
        "incident { id }",
      )
    ).incident.id;
    expect(await flagRegulatorDeadlines(s.app)).toBe(0);
    await ok(s, security, "securityIncidentNotifyRegulator", { incidentId: id, note: "Filed" }, "incident { id }");
    s.clock.advance(25 * 3_600_000);
    const flagged = await flagRegulatorDeadlines(s.app);
    expect(flagged).toBeGreaterThanOrEqual(1);
    expect(await flagRegulatorDeadlines(s.app)).toBe(0);
    expect(await count(s, "events where entity_id = $1 and kind = 'DEADLINE_BREACHED'", [id])).toBe(1);
    expect(await count(s, "security_incidents where id = $1 and regulator_deadline_breached_at is not null", [id])).toBe(1);
  });
});
