import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { approvedPlan, ok } from "./fixtures";

let s: TestServer;
let supervisor: string, manager: string, security: string, rep1: string, rep2: string;
let firePlan: string;
beforeAll(async () => {
  s = await startTestServer();
  [supervisor, manager, security, rep1, rep2] = await Promise.all(["supervisor", "manager", "security", "rep1", "rep2"].map((u) => s.login(u)));
  firePlan = await approvedPlan(s, manager, supervisor, "FIRE");
});
afterAll(() => s?.close());

type Ev = {
  incidentEvents: { seq: string; kind: string; incidentKind: string; incidentId: string; level: string; status: string; actor: { username: string } | null };
};
const SUB = `subscription($f: IncidentEventFilter, $after: String) { incidentEvents(filterBy: $f, afterSeq: $after) { seq kind incidentKind incidentId level status actor { username } } }`;
const lastSeq = async () => (await s.database.query<{ max: string | null }>("select max(seq)::text as max from events"))[0].max ?? "0";
const settle = () => new Promise((r) => setTimeout(r, 300));

async function fireIncident(token: string, level = "II") {
  return (await ok(s, token, "emergencyIncidentReport", { type: "FIRE", level, location: "Hall", description: "Smoke" }, "incident { id }")).incident
    .id as string;
}

describe("incidentEvents subscription", () => {
  it("when the security officer moves a security incident through its states, then the supervisor sees each event live, in order", async () => {
    const sub = collect<Ev>(s.wsClient(supervisor), SUB, { f: { incidentKind: "SECURITY" } });
    await settle();
    const id = (
      await ok(
        s,
        security,
        "securityIncidentReport",
        { category: "MALWARE", severity: "HIGH", title: "Ransom note", description: "On PC 7" },
        "incident { id }",
      )
    ).incident.id;
    await ok(s, security, "securityIncidentTriage", { incidentId: id, severity: "HIGH", note: "Isolated" }, "incident { id }");
    for (const status of ["CONTAINED", "ERADICATED", "RECOVERED", "REVIEWED"])
      await ok(s, security, "securityIncidentAdvance", { incidentId: id, status, note: status }, "incident { id }");
    const got = (await sub.waitFor(6)).map((e) => e.incidentEvents);
    expect(got.map((e) => [e.kind, e.status])).toEqual([
      ["REPORTED", "REPORTED"],
      ["STATUS_CHANGED", "TRIAGED"],
      ["STATUS_CHANGED", "CONTAINED"],
      ["STATUS_CHANGED", "ERADICATED"],
      ["STATUS_CHANGED", "RECOVERED"],
      ["CLOSED", "REVIEWED"],
    ]);
    expect(got.every((e) => e.incidentId === id && e.level === "II" && e.actor?.username === "security")).toBe(true);
    sub.dispose();
  });

  it("when an emergency plan is activated and steps ticked, then the supervisor sees PLAN_ACTIVATED and STEP_DONE; a level filter drops lesser incidents", async () => {
    const sub = collect<Ev>(s.wsClient(supervisor), SUB, { f: { incidentKind: "EMERGENCY", levelAtLeast: "II" } });
    await settle();
    await fireIncident(rep2, "IV");
    const id = await fireIncident(rep1, "II");
    await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan }, "incident { id }");
    await ok(s, manager, "emergencyIncidentCompleteStep", { incidentId: id, ordinal: 1 }, "incident { id }");
    await ok(s, manager, "emergencyIncidentChangeLevel", { incidentId: id, level: "III", reason: "Under control" }, "incident { id }");
    await ok(s, manager, "emergencyIncidentChangeLevel", { incidentId: id, level: "I", reason: "Spread" }, "incident { id }");
    const got = (await sub.waitFor(4)).map((e) => e.incidentEvents);
    expect(got.map((e) => [e.kind, e.level])).toEqual([
      ["REPORTED", "II"],
      ["PLAN_ACTIVATED", "II"],
      ["STEP_DONE", "II"],
      ["LEVEL_CHANGED", "I"],
    ]);
    sub.dispose();
  });

  it("when representatives report, then each sees only the events of incidents they reported", async () => {
    const sub = collect<Ev>(s.wsClient(rep1), SUB, {});
    await settle();
    const theirs = await fireIncident(rep2);
    await ok(s, security, "securityIncidentReport", { category: "PHISHING", severity: "LOW", title: "Mail", description: "x" }, "incident { id }");
    const mine = await fireIncident(rep1);
    await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: theirs, planId: firePlan }, "incident { id }");
    await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: mine, planId: firePlan }, "incident { id }");
    const got = (await sub.waitFor(2)).map((e) => e.incidentEvents);
    await settle();
    expect(sub.received.map((e) => [e.incidentEvents.incidentId, e.incidentEvents.kind])).toEqual([
      [mine, "REPORTED"],
      [mine, "PLAN_ACTIVATED"],
    ]);
    expect(got).toHaveLength(2);
    sub.dispose();
  });

  it("when a subscriber resumes after the last sequence it saw, then it gets every missed event in order and then live ones, with no gap or duplicate", async () => {
    const from = await lastSeq();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await fireIncident(rep1));
    const between = await s.database.query<{ seq: string }>("select seq::text as seq from events where topic = 'INCIDENT' and seq > $1 order by seq", [from]);
    const sub = collect<Ev>(s.wsClient(supervisor), SUB, { after: from });
    const replayed = await sub.waitFor(5);
    expect(replayed.map((e) => e.incidentEvents.seq)).toEqual(between.map((r) => r.seq));
    expect(replayed.map((e) => e.incidentEvents.incidentId)).toEqual(ids);
    const live = await fireIncident(rep2);
    const all = await sub.waitFor(6);
    expect(all[5].incidentEvents.incidentId).toBe(live);
    const seqs = all.map((e) => BigInt(e.incidentEvents.seq));
    expect(seqs.every((q, i) => i === 0 || q > seqs[i - 1])).toBe(true);
    sub.dispose();
  });

  it("when afterSeq is not a number or no token is given, then the subscription is refused", async () => {
    const bad = collect<Ev>(s.wsClient(supervisor), SUB, { after: "abc" });
    await bad.waitFor(1).catch(() => undefined);
    expect(JSON.stringify(bad.errors)).toContain("afterSeq");
    const anon = collect<Ev>(s.wsClient(null), SUB, {});
    await anon.waitFor(1).catch(() => undefined);
    expect(anon.errors.length).toBeGreaterThan(0);
    expect(anon.received).toEqual([]);
  });
});

describe.skipIf(TEST_DB !== "pg")("incidentEvents across instances (PostgreSQL)", () => {
  it("when an incident is reported on one instance, then a supervisor subscribed on another instance receives it", async () => {
    const peer = await s.startPeer();
    const client: Client = createClient({
      url: peer.url.replace("http://", "ws://"),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${supervisor}` },
    });
    try {
      const sub = collect<Ev>(client, SUB, { f: { incidentKind: "EMERGENCY" } });
      await settle();
      const id = await fireIncident(rep1, "I");
      await ok(s, manager, "emergencyIncidentActivatePlan", { incidentId: id, planId: firePlan }, "incident { id }");
      const got = (await sub.waitFor(2)).map((e) => [e.incidentEvents.incidentId, e.incidentEvents.kind]);
      expect(got).toEqual([
        [id, "REPORTED"],
        [id, "PLAN_ACTIVATED"],
      ]);
      sub.dispose();
    } finally {
      await client.dispose();
    }
  });
});
