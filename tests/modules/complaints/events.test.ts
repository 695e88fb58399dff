import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeadlineWatch } from "../../../src/modules/complaints";
import { viewerFromToken } from "../../../src/modules/organisation/auth.service";
import { buildContext } from "../../../src/server/context-factory";
import { DomainError } from "../../../src/core/errors";
import { runMutation } from "../../../src/shared/mutation";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { type Tokens, call, count, openComplaint, staffId, tokens } from "./helpers";

const SUB = `subscription($after: String, $f: ComplaintEventFilter) {
  complaintEvents(afterSeq: $after, filterBy: $f) { seq kind status fromStatus overdue note complaint { id reference severity handler { username } } actor { username } }
}`;

type Ev = {
  complaintEvents: { seq: string; kind: string; status: string; complaint: { id: string; reference: string } | null; actor: { username: string } | null };
};

let s: TestServer;
let t: Tokens;
beforeAll(async () => {
  s = await startTestServer();
  t = await tokens(s);
});
afterAll(() => s?.close());

async function lastSeq(): Promise<string> {
  const rows = await s.database.query<{ n: string }>("select coalesce(max(seq), 0)::text as n from events");
  return rows[0].n;
}

// Subscribing "after the current last seq" makes the start race-free: nothing committed meanwhile is lost.
async function subscribe(token: string, filter: Record<string, unknown> = {}, client?: Client) {
  return collect<Ev>(client ?? s.wsClient(token), SUB, { after: await lastSeq(), f: filter });
}

const kinds = (list: Ev[]) => list.map((e) => e.complaintEvents.kind);

describe("complaintEvents (live monitoring)", () => {
  it("when rep1 receives, classifies and processes a complaint, then the supervisor sees each step with seq, complaint and actor", async () => {
    const sub = await subscribe(t.supervisor);
    const id = await openComplaint(s, t);
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "n" });
    await call(s, t.rep1, "complaintProposeResolution", { complaintId: id, resolution: "r" });
    const got = await sub.waitFor(5);
    expect(kinds(got)).toEqual(["CREATED", "CLASSIFIED", "ASSIGNED", "STATUS_CHANGED", "RESOLVED"]);
    expect(got.every((e) => e.complaintEvents.complaint?.id === id)).toBe(true);
    expect(got[0].complaintEvents.actor?.username).toBe("rep1");
    expect(got[2].complaintEvents.actor?.username).toBe("manager");
    const seqs = got.map((e) => BigInt(e.complaintEvents.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    sub.dispose();
  });

  it("when a complaint outside a representative's scope changes, then they receive nothing of it; their own arrives", async () => {
    const sub = await subscribe(t.rep2);
    await openComplaint(s, t, { subject: "Not rep2's" });
    const theirs = await openComplaint(s, t, { subject: "rep2's", handler: "rep2" });
    await call(s, t.rep2, "complaintAddNote", { complaintId: theirs, note: "Looking." });
    const got = await sub.waitFor(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(kinds(sub.received)).toEqual(["ASSIGNED", "STATUS_CHANGED"]);
    expect(sub.received.every((e) => e.complaintEvents.complaint?.id === theirs)).toBe(true);
    expect(got.length).toBe(2);
    sub.dispose();
  });

  it("when filters are given, then only events of at-least-that severity, assigned to me, or overdue arrive", async () => {
    const high = await subscribe(t.supervisor, { severityAtLeast: "HIGH" });
    const mine = await subscribe(t.rep2, { assignedToMe: true });
    const otherDept = await subscribe(t.admin, {
      departmentId: (await s.database.query<{ id: string }>("select id from departments where code = 'HUMAN_RESOURCES'"))[0].id,
    });
    const overdue = await subscribe(t.supervisor, { onlyOverdue: true });
    await openComplaint(s, t, { severity: "LOW", handler: "rep2" });
    const h = await openComplaint(s, t, { severity: "CRITICAL" });
    await high.waitFor(1);
    await mine.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(kinds(high.received)).toEqual(["CLASSIFIED", "ASSIGNED"]);
    expect(high.received.every((e) => e.complaintEvents.complaint?.id === h)).toBe(true);
    expect(kinds(mine.received)).toEqual(["ASSIGNED"]);
    expect(otherDept.received).toEqual([]);
    expect(overdue.received).toEqual([]);
    for (const x of [high, mine, otherDept, overdue]) x.dispose();
  });

  it("when a subscriber disconnects and resumes with its last seq, then it gets every missed event in order, then live ones, no gap, no duplicate", async () => {
    const start = await lastSeq();
    const first = collect<Ev>(s.wsClient(t.supervisor), SUB, { after: start });
    const id = await openComplaint(s, t, { handler: "none" });
    const seen = await first.waitFor(2);
    first.dispose();
    const resumeAfter = seen[1].complaintEvents.seq;
    await call(s, t.manager, "complaintAssign", { complaintId: id, handlerId: await staffId(s, "rep1") });
    await call(s, t.rep1, "complaintAddNote", { complaintId: id, note: "Missed while away." });
    const resumed = collect<Ev>(s.wsClient(t.supervisor), SUB, { after: resumeAfter });
    await resumed.waitFor(2);
    await call(s, t.rep1, "complaintEscalate", { complaintId: id, to: "MANAGER", reason: "Live after resume." });
    const got = await resumed.waitFor(3);
    expect(kinds(got)).toEqual(["ASSIGNED", "STATUS_CHANGED", "ESCALATED"]);
    const all = await s.database.query<{ seq: string }>("select seq::text from events where topic = 'COMPLAINT' and seq > $1 order by seq", [start]);
    expect([...seen.slice(0, 2), ...got].map((e) => e.complaintEvents.seq)).toEqual(all.map((r) => r.seq));
    resumed.dispose();
  });

  it("when afterSeq is not a sequence number, then the subscription fails with BAD_USER_INPUT", async () => {
    const sub = collect<Ev>(s.wsClient(t.supervisor), SUB, { after: "abc" });
    await sub.waitFor(1, 5000).catch(() => undefined);
    expect(JSON.stringify(sub.errors)).toContain("BAD_USER_INPUT");
  });

  it("when a mutation emits and then fails, then it is rolled back and nothing is delivered", async () => {
    const before = await count(s, "select count(*) n from events");
    const sub = await subscribe(t.supervisor);
    const viewer = await viewerFromToken(s.database, s.config, t.supervisor, s.clock.now().getTime());
    const ctx = buildContext(s.app, viewer);
    const id = await openComplaint(s, t, { handler: "none" });
    await sub.waitFor(2);
    const r = await runMutation(ctx, { action: "complaint.test", input: {} }, async (m) => {
      m.emit({ topic: "COMPLAINT", kind: "CLOSED", entityType: "Complaint", entityId: id, departmentId: viewer!.departmentId, payload: {} });
      throw new DomainError("CONFLICT", "changed my mind");
    });
    expect(r.userErrors[0].code).toBe("CONFLICT");
    await call(s, t.rep1, "complaintWithdraw", { complaintId: id, reason: "bye" });
    const got = await sub.waitFor(3);
    expect(kinds(got)).toEqual(["CREATED", "CLASSIFIED", "STATUS_CHANGED"]);
    expect(await count(s, "select count(*) n from events")).toBe(before + 3);
    sub.dispose();
  });
});

describe("loading once per event", () => {
  function countStatements() {
    let n = 0;
    const target = (s.database.pool ?? s.database.pglite) as unknown as { query: (...a: unknown[]) => unknown };
    const original = target.query;
    target.query = (...args: unknown[]) => {
      n++;
      return original.apply(target, args);
    };
    return {
      get n() {
        return n;
      },
      reset: () => (n = 0),
      restore: () => (target.query = original),
    };
  }

  it("when 1 or 8 supervisors watch the same update, then the server reads the database as often", async () => {
    const id = await openComplaint(s, t);
    const run = async (subscribers: number, severity: string) => {
      const listening = s.app.hub.subscriberCount;
      const subs = await Promise.all(Array.from({ length: subscribers }, () => subscribe(t.supervisor)));
      // Each socket checks its session when it connects: count only once every subscription listens.
      for (let waited = 0; s.app.hub.subscriberCount < listening + subscribers && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      const counted = countStatements();
      try {
        await call(s, t.rep1, "complaintClassify", { complaintId: id, category: "OTHER", businessLine: "OTHER", severity });
        for (const sub of subs) {
          const [e] = await sub.waitFor(1);
          expect(e.complaintEvents.complaint?.handler).toEqual({ username: "rep1" });
        }
        await new Promise((r) => setTimeout(r, 200));
        return counted.n;
      } finally {
        counted.restore();
        subs.forEach((x) => x.dispose());
      }
    };
    const one = await run(1, "MEDIUM");
    const eight = await run(8, "LOW");
    expect(eight).toBe(one);
  });
});

describe.skipIf(TEST_DB !== "pg")("complaintEvents across instances (real PostgreSQL)", () => {
  it("when a complaint changes through instance A, then a supervisor subscribed on instance B receives it, and the other way round", async () => {
    const peer = await s.startPeer();
    const peerClient = createClient({
      url: peer.url.replace("http://", "ws://"),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${t.supervisor}` },
    });
    const onPeer = await subscribe(t.supervisor, {}, peerClient);
    const onMain = await subscribe(t.supervisor);
    const id = await openComplaint(s, t, { handler: "none" });
    const got = await onPeer.waitFor(2);
    expect(kinds(got)).toEqual(["CREATED", "CLASSIFIED"]);
    // A change made through the peer reaches the subscriber of the first instance.
    const res = await fetch(peer.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.rep1}` },
      body: JSON.stringify({ query: `mutation { complaintWithdraw(input: { complaintId: "${id}", reason: "via B" }) { complaint { status } } }` }),
    });
    expect((await res.json()).data.complaintWithdraw.complaint.status).toBe("WITHDRAWN");
    expect(kinds(await onMain.waitFor(3))).toEqual(["CREATED", "CLASSIFIED", "STATUS_CHANGED"]);
    expect(kinds(await onPeer.waitFor(3))).toEqual(["CREATED", "CLASSIFIED", "STATUS_CHANGED"]);
    onPeer.dispose();
    onMain.dispose();
    await peerClient.dispose();
  });

  it("when the deadline watch runs on two instances at once, then each complaint is flagged and escalated once", async () => {
    const peer = await s.startPeer();
    const ids = await Promise.all([openComplaint(s, t), openComplaint(s, t), openComplaint(s, t)]);
    s.clock.advance(16 * 86400_000);
    await Promise.all([runDeadlineWatch(s.app), runDeadlineWatch(peer), runDeadlineWatch(s.app), runDeadlineWatch(peer)]);
    for (const id of ids) {
      expect(await count(s, "select count(*) n from events where entity_id = $1 and kind = 'DEADLINE_BREACHED'", [id])).toBe(1);
      expect(await count(s, "select count(*) n from events where entity_id = $1 and kind = 'ESCALATED'", [id])).toBe(1);
    }
    t = await tokens(s);
  });
});
