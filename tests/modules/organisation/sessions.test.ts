import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../../helpers/db";
import { type TestServer, collect, startTestServer } from "../../helpers/server";
import { type Tokens, openComplaint, tokens } from "../complaints/helpers";

let s: TestServer;
let t: Tokens;
let deptId: string;
const clients: Client[] = [];

beforeAll(async () => {
  s = await startTestServer();
  t = await tokens(s);
  const [d] = await s.database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
  deptId = d.id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await s?.close();
});

let n = 0;
/** A new member (registered by the administrator) and a signed-in token of theirs. */
async function member(position = "SUPERVISOR"): Promise<{ id: string; username: string; token: string }> {
  const username = `sess${++n}`;
  const r = await s.gql(
    `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } userErrors { code message } } }`,
    { i: { username, displayName: `Session ${n}`, password: "long-enough-1", position, departmentId: deptId } },
    t.admin,
  );
  const id = r.data.staffCreate.staff?.id;
  if (!id) throw new Error(JSON.stringify(r));
  return { id, username, token: await s.login(username, "long-enough-1") };
}

interface Socket {
  client: Client;
  /** Resolves with the close code and the time it arrived. */
  closed: Promise<{ code: number; at: number }>;
}

/** An open websocket signed in with `authorization`, connected before this returns. */
async function socket(authorization: string, url = s.wsUrl): Promise<Socket> {
  let onClosed!: (v: { code: number; at: number }) => void;
  const closed = new Promise<{ code: number; at: number }>((r) => (onClosed = r));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  client.on("closed", (e) => onClosed({ code: (e as { code: number }).code, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    void closed.then((c) => reject(new Error(`closed with ${c.code} before connecting`)));
  });
  return { client, closed };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);

async function me(token: string) {
  return s.gql(`{ me { username position } }`, {}, token);
}

describe("sessions end everywhere (one instance)", () => {
  it("when a member signs out over HTTP, then their open websocket closes with 4403 within a second", async () => {
    const m = await member();
    const ws = await socket(`Bearer ${m.token}`);
    const out = await s.gql(`mutation { logout { ok } }`, {}, m.token);
    const sentAt = Date.now();
    expect(out.data.logout.ok).toBe(true);
    const c = await within(ws.closed, 1000);
    expect(c.code).toBe(4403);
    expect(c.at - sentAt).toBeLessThan(1000);
  });

  it("when one of two sessions signs out, then only that session's websocket closes", async () => {
    const m = await member();
    const other = await s.login(m.username, "long-enough-1");
    const a = await socket(`Bearer ${m.token}`);
    const b = await socket(`Bearer ${other}`);
    await s.gql(`mutation { logout { ok } }`, {}, m.token);
    expect((await within(a.closed, 1000)).code).toBe(4403);
    const stillOpen = await Promise.race([b.closed.then(() => false), new Promise((r) => setTimeout(() => r(true), 300))]);
    expect(stillOpen).toBe(true);
    expect((await me(other)).data.me.username).toBe(m.username);
  });

  it("when a member is deactivated, then their websocket closes with 4403 and their token is refused on the next HTTP request", async () => {
    const m = await member();
    const ws = await socket(`Bearer ${m.token}`);
    expect((await me(m.token)).data.me.username).toBe(m.username);
    const r = await s.gql(
      `mutation($i: StaffDeactivateInput!) { staffDeactivate(input: $i) { userErrors { code } } }`,
      { i: { staffId: m.id, reason: "left the bank" } },
      t.admin,
    );
    expect(r.data.staffDeactivate.userErrors).toEqual([]);
    expect((await me(m.token)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await within(ws.closed, 1000)).code).toBe(4403);
    const [row] = await s.database.query<{ n: number }>("select count(*)::int as n from auth_sessions where staff_id = $1 and revoked_at is null", [m.id]);
    expect(Number(row.n)).toBe(0);
  });

  it("when a member's position changes, then the next HTTP request sees the new position and their websocket closes with 4403", async () => {
    const m = await member("SUPERVISOR");
    const ws = await socket(`Bearer ${m.token}`);
    expect((await me(m.token)).data.me.position).toBe("SUPERVISOR");
    const r = await s.gql(
      `mutation($i: StaffChangePositionInput!) { staffChangePosition(input: $i) { userErrors { code } } }`,
      { i: { staffId: m.id, position: "REPRESENTATIVE" } },
      t.admin,
    );
    expect(r.data.staffChangePosition.userErrors).toEqual([]);
    expect((await me(m.token)).data.me.position).toBe("REPRESENTATIVE");
    expect((await within(ws.closed, 1000)).code).toBe(4403);
    // The same token reconnects, as the new position.
    const again = await socket(`Bearer ${m.token}`);
    const got = await new Promise<unknown>((resolve, reject) =>
      again.client.subscribe({ query: "{ me { position } }" }, { next: (v) => resolve(v.data), error: reject, complete: () => undefined }),
    );
    expect(got).toEqual({ me: { position: "REPRESENTATIVE" } });
  });

  it("when a supervisor signs out while watching complaints, then no event committed afterwards reaches the socket", async () => {
    const m = await member("SUPERVISOR");
    const ws = await socket(`Bearer ${m.token}`);
    const [{ max }] = await s.database.query<{ max: string }>("select coalesce(max(seq), 0)::text as max from events");
    const sub = collect<{ complaintEvents: { seq: string } }>(ws.client, `subscription($a: String) { complaintEvents(afterSeq: $a) { seq kind } }`, { a: max });
    await openComplaint(s, t);
    await sub.waitFor(1);
    await s.gql(`mutation { logout { ok } }`, {}, m.token);
    await openComplaint(s, t);
    expect((await within(ws.closed, 1000)).code).toBe(4403);
    await new Promise((r) => setTimeout(r, 300));
    const [ended] = await s.database.query<{ seq: string }>("select max(seq)::text as seq from events where topic = 'SESSION' and entity_id = $1", [m.id]);
    expect(sub.received.length).toBeGreaterThan(0);
    expect(sub.received.filter((e) => BigInt(e.complaintEvents.seq) > BigInt(ended.seq))).toEqual([]);
  });

  it("when a signed-out token opens a websocket, then it is refused with 4403", async () => {
    const m = await member();
    await s.gql(`mutation { logout { ok } }`, {}, m.token);
    await expect(socket(`Bearer ${m.token}`)).rejects.toThrow(/4403/);
  });
});

describe.skipIf(TEST_DB !== "pg")("sessions end everywhere (two instances on PostgreSQL)", () => {
  it("when a member signs out through one instance, then their websocket on the other closes with 4403 within a second", async () => {
    const peer = await s.startPeer();
    const m = await member();
    const ws = await socket(`Bearer ${m.token}`, peer.url.replace("http://", "ws://"));
    await s.gql(`mutation { logout { ok } }`, {}, m.token);
    const sentAt = Date.now();
    const c = await within(ws.closed, 1000);
    expect(c.code).toBe(4403);
    expect(c.at - sentAt).toBeLessThan(1000);
  });

  it("when a member is deactivated through one instance, then their websocket on the other closes and the other instance refuses the token at once", async () => {
    const peer = await s.startPeer();
    const m = await member();
    const ws = await socket(`Bearer ${m.token}`, peer.url.replace("http://", "ws://"));
    const viaPeer = (token: string) =>
      fetch(peer.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ me { username } }" }),
      }).then((r) => r.json() as Promise<{ errors?: { extensions: { code: string } }[] }>);
    expect((await viaPeer(m.token)).errors).toBeUndefined();
    await s.gql(
      `mutation($i: StaffDeactivateInput!) { staffDeactivate(input: $i) { userErrors { code } } }`,
      { i: { staffId: m.id, reason: "left" } },
      t.admin,
    );
    expect((await viaPeer(m.token)).errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await within(ws.closed, 1000)).code).toBe(4403);
  });
});
