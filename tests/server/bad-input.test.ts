import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startApp } from "../../src/server/app";
import { createTestDatabase } from "../helpers/db";
import { type TestServer, collect, startTestServer, testConfig } from "../helpers/server";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.login("rep1");
});
afterAll(() => s?.close());

type Answer = { status: number; contentType: string; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const r = await fetch(s.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, contentType: r.headers.get("content-type") ?? "", body: await r.json() };
}

const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);
const LOGIN = `mutation($u: String!) { login(username: $u, password: "x") { token } }`;
const STATS = `query($from: DateTime!, $to: DateTime!) { complaintStatistics(from: $from, to: $to) { __typename } }`;
const GRAPHQL_RESPONSE = { accept: "application/graphql-response+json" };

describe("variables of the wrong shape", () => {
  it("when a String variable holds a number, then the answer is BAD_USER_INPUT with 200 for application/json and 400 for graphql-response+json", async () => {
    const json = await post({ query: LOGIN, variables: { u: 5 } });
    expect(codes(json)).toEqual(["BAD_USER_INPUT"]);
    expect(json.status).toBe(200);
    const gr = await post({ query: LOGIN, variables: { u: 5 } }, GRAPHQL_RESPONSE);
    expect(codes(gr)).toEqual(["BAD_USER_INPUT"]);
    expect(gr.status).toBe(400);
    expect(gr.contentType).toContain("application/graphql-response+json");
    expect(gr.body.data).toBeUndefined();
  });

  it("when an enum variable holds an unknown value, then it is BAD_USER_INPUT and no enum value is suggested", async () => {
    const r = await post({
      query: `query($o: ComplaintOrder) { complaints(first: 1, orderBy: $o) { totalCount } }`,
      variables: { o: { field: "RECEIVED_ATT", direction: "ASC" } },
    });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|RECEIVED_AT"/);
  });

  it("when an enum literal is misspelt, then no enum value is suggested", async () => {
    const r = await post({ query: `{ complaints(first: 1, orderBy: { field: RECEIVED_ATT, direction: ASC }) { totalCount } }` });
    expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|Suggestion/);
  });

  it("when a DateTime variable is not a calendar date (2024-02-30), then it is BAD_USER_INPUT", async () => {
    const r = await post(
      { query: STATS, variables: { from: "2024-02-30T00:00:00Z", to: "2024-03-01T00:00:00Z" } },
      { authorization: `Bearer ${await s.login("supervisor")}` },
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("when a variable holds a 70,000-item list, then it is refused with BAD_USER_INPUT", async () => {
    const r = await post({ query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: Array(70_000).fill("x") } });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.body.errors?.[0].message).toMatch(/list longer than/);
  });

  it("when the variables are not an object, then the request is refused with BAD_REQUEST and 400", async () => {
    const r = await post({ query: LOGIN, variables: [1, 2] });
    expect(r.status).toBe(400);
    expect(codes(r)[0]).toBe("BAD_REQUEST");
  });
});

describe("control characters in text", () => {
  it("when a text literal holds a NUL byte, then the operation is refused before it runs", async () => {
    const r = await post({ query: `mutation { login(username: "rep1\\u0000", password: "x") { token } }` });
    expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(r.body.data).toBeUndefined();
  });

  it("when a text variable holds a NUL byte or an escape character, then it is BAD_USER_INPUT", async () => {
    expect(codes(await post({ query: LOGIN, variables: { u: "rep1\u0000" } }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await post({ query: LOGIN, variables: { u: "rep\u001b[2J" } }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("when free text holds tabs and line breaks, then it is accepted", async () => {
    const r = await post({ query: LOGIN, variables: { u: "no\tsuch\r\nuser" } });
    expect(r.body.errors).toBeUndefined();
  });
});

describe("cursors and limits", () => {
  it("when a cursor is forged, then the list answers BAD_USER_INPUT", async () => {
    const forged = Buffer.from(JSON.stringify(["not a time", "not an id"])).toString("base64url");
    for (const after of [forged, "%%%", Buffer.from(JSON.stringify([{ a: 1 }])).toString("base64url")]) {
      const r = await post({ query: `query($a: String) { complaints(first: 2, after: $a) { nodes { id } } }`, variables: { a: after } });
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("when a cursor the API gave out is tampered with, then it is refused, and the untouched one pages on", async () => {
    const admin = await s.login("admin");
    const page = await post({ query: `{ staffMembers(first: 2) { pageInfo { endCursor } } }` }, { authorization: `Bearer ${admin}` });
    const cursor = (page.body.data as { staffMembers: { pageInfo: { endCursor: string } } }).staffMembers.pageInfo.endCursor;
    const [body, signature] = cursor.split(".");
    const values = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    const tampered = `${Buffer.from(JSON.stringify([values[0], "someone-else"])).toString("base64url")}.${signature}`;
    const q = `query($a: String) { staffMembers(first: 2, after: $a) { nodes { username } } }`;
    expect(codes(await post({ query: q, variables: { a: tampered } }, { authorization: `Bearer ${admin}` }))).toEqual(["BAD_USER_INPUT"]);
    const next = await post({ query: q, variables: { a: cursor } }, { authorization: `Bearer ${admin}` });
    expect(next.body.errors).toBeUndefined();
    expect((next.body.data as { staffMembers: { nodes: unknown[] } }).staffMembers.nodes).toHaveLength(2);
  });

  it("when a query holds 5,000 tokens, then it is a coded parse failure, not a server error", async () => {
    const q = `{ ${"a: __typename ".repeat(1700)} }`;
    const json = await post({ query: q });
    expect(json.status).toBe(200);
    expect(codes(json)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    const gr = await post({ query: q }, GRAPHQL_RESPONSE);
    expect(gr.status).toBe(400);
  });
});

describe("GraphQL over HTTP", () => {
  it("when a query executes with a field error, then graphql-response+json answers 200", async () => {
    const r = await post({ query: `{ complaint(id: "nope") { id } }` }, GRAPHQL_RESPONSE);
    expect(r.status).toBe(200);
    expect(r.body).toHaveProperty("data");
  });

  it("when a mutation comes by GET, then it is refused with 405", async () => {
    const r = await fetch(`${s.url}?query=${encodeURIComponent("mutation { logout { userErrors { code } } }")}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(r.status).toBe(405);
  });

  it("when the client accepts neither JSON media type, then the answer is 406", async () => {
    expect((await post({ query: "{ __typename }" }, { accept: "text/html" })).status).toBe(406);
  });

  it("when both media types are accepted, then graphql-response+json is preferred", async () => {
    const r = await post({ query: "{ __typename }" }, { accept: "application/graphql-response+json, application/json;q=0.9" });
    expect(r.contentType).toContain("application/graphql-response+json");
  });

  it("when a POST body is not declared as JSON, then it is refused with 415", async () => {
    const r = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "text/plain", "apollo-require-preflight": "1" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(r.status).toBe(415);
    expect((await r.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});

describe("the websocket", () => {
  function first(query: string, variables: Record<string, unknown> = {}): Promise<string> {
    const client = s.wsClient(token);
    return new Promise((resolve) => {
      client.subscribe(
        { query, variables },
        { next: (v) => resolve(JSON.stringify(v)), error: (e) => resolve(JSON.stringify(e)), complete: () => resolve("complete") },
      );
    });
  }

  it("when afterSeq is beyond the bigint range, then the subscription fails with BAD_USER_INPUT", async () => {
    const answer = await first(`subscription($a: String) { complaintEvents(afterSeq: $a) { seq } }`, { a: "9999999999999999999" });
    expect(answer).toContain("BAD_USER_INPUT");
    expect(answer).not.toContain("INTERNAL_SERVER_ERROR");
  });

  it("when a variable has the wrong type or text holds NUL, then the operation fails with BAD_USER_INPUT", async () => {
    expect(await first(`subscription($i: Int) { serverTime(intervalMs: $i) { tick } }`, { i: "fast" })).toContain("BAD_USER_INPUT");
    expect(await first(`query($u: String!) { accountByNumber(number: $u) { id } }`, { u: "1\u0000" })).toContain("BAD_USER_INPUT");
  });

  it("when a document does not parse or validate, then the error carries the same code as over HTTP", async () => {
    expect(await first(`{ me { `)).toContain("GRAPHQL_PARSE_FAILED");
    expect(await first(`{ nosuch }`)).toContain("GRAPHQL_VALIDATION_FAILED");
  });

  it("when serverTime asks for ticks faster than once a second, then it is refused", async () => {
    expect(await first(`subscription { serverTime(intervalMs: 100) { tick } }`)).toContain("BAD_USER_INPUT");
  });
});

describe("limits per member", () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({
      env: { MAX_SUBSCRIPTIONS_PER_SOCKET: "3", MAX_SOCKETS_PER_MEMBER: "2", RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "40" },
    });
  });
  afterAll(() => small?.close());

  it("when a socket opens more subscriptions than allowed, then the extra one fails with LIMIT_EXCEEDED and the others keep running", async () => {
    const client = small.wsClient(await small.login("supervisor"));
    const subs = Array.from({ length: 4 }, () => collect(client, `subscription { serverTime(intervalMs: 60000) { tick } }`));
    await Promise.all(subs.slice(0, 3).map((x) => x.waitFor(1)));
    await subs[3].waitFor(1).catch(() => undefined);
    expect(JSON.stringify(subs[3].errors)).toContain("LIMIT_EXCEEDED");
    expect(subs.slice(0, 3).every((x) => x.errors.length === 0 && x.received.length === 1)).toBe(true);
    subs.forEach((x) => x.dispose());
  });

  it("when a member opens more sockets than allowed, then the extra socket is closed with 4429", async () => {
    const t = await small.login("manager");
    const open = (): Promise<{ code: number; ws: WebSocket }> =>
      new Promise((resolve) => {
        const ws = new WebSocket(small.wsUrl, "graphql-transport-ws");
        ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${t}` } })));
        ws.on("message", (m) => JSON.parse(String(m)).type === "connection_ack" && resolve({ code: 0, ws }));
        ws.on("close", (code) => resolve({ code, ws }));
      });
    const a = await open();
    const b = await open();
    const c = await open();
    expect([a.code, b.code, c.code]).toEqual([0, 0, 4429]);
    a.ws.close(1000);
    await new Promise((r) => a.ws.once("close", r));
    await new Promise((r) => setTimeout(r, 100));
    const d = await open();
    expect(d.code).toBe(0);
    b.ws.close(1000);
    d.ws.close(1000);
  });

  it("when a member sends requests faster than the rate limit, then the extra ones answer 429 RATE_LIMITED with Retry-After", async () => {
    const t = await small.login("finance");
    const send = () =>
      fetch(small.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t}` },
        body: JSON.stringify({ query: "{ me { username } }" }),
      });
    const answers = await Promise.all(Array.from({ length: 60 }, send));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(35);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await limited[0].json();
    expect(body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    // Another member is not slowed down by this one.
    expect((await small.gql(`{ me { username } }`, {}, await small.login("rep2"))).data).toEqual({ me: { username: "rep2" } });
  });
});

describe("the log", () => {
  it("when bad variables carry an ID number, a mobile number and a bearer token, then none of them appears in any log line", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const db = await createTestDatabase();
    const app = await startApp(testConfig(), { database: db.database, port: 0, log: pino({ level: "trace" }, sink) });
    try {
      const idNumber = "11010519491231002X";
      const mobile = "13812345678";
      const planted = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2VjcmV0LXNpZ25hdHVyZS1wbGFudGVk";
      const send = (query: string, variables: unknown, auth = planted) =>
        fetch(app.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: auth },
          body: JSON.stringify({ query, operationName: "Probe", variables }),
        });
      await send(`mutation Probe($u: String!) { login(username: $u, password: $u) { token } }`, { u: { idNumber, mobile } });
      await send(`mutation Probe($u: String!) { login(username: $u, password: $u) { token } }`, { u: `${idNumber}\u0000${mobile}` });
      await send(`query Probe($n: Int) { complaints(first: $n) { totalCount } }`, { n: mobile });
      await send(`query Probe($a: String) { complaints(first: 1, after: $a) { totalCount } }`, {
        a: Buffer.from(JSON.stringify([idNumber, mobile])).toString("base64url"),
      });
      await send(`query Probe($d: DateTime!) { complaintStatistics(from: $d, to: $d) { __typename } }`, { d: `${idNumber}T${mobile}` });
      await send(`query Probe { accountByNumber(number: "${mobile}") { id } }`, {});
      const all = lines.join("\n");
      expect(all).toContain('"requestId"');
      expect(all).toMatch(/"operationName":"Probe"/);
      expect(all).toMatch(/"codes":\["BAD_USER_INPUT"\]/);
      for (const secret of [idNumber, mobile, planted.slice(7), planted.split(".")[2], "1101051949"]) expect(all).not.toContain(secret);
    } finally {
      await app.stop();
      await db.drop();
    }
  });
});
