import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type TestServer, startTestServer } from "../helpers/server";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.login("rep1");
});
afterAll(() => s?.close());

const base = () => s.url.replace("/graphql", "");

describe("operations endpoints", () => {
  it("when /healthz and /readyz are asked, then the process is up and the database ready", async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });

  it("when a response is sent, then it carries a request id", async () => {
    const r = await fetch(`${base()}/healthz`);
    expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("request protection", () => {
  it("when the body is over 1 MiB, then the request is refused with 413", async () => {
    const r = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(1_100_000) }),
    });
    expect(r.status).toBe(413);
  });

  it("when requests come batched in an array, then they are refused", async () => {
    const r = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(r.status).toBe(400);
  });

  it("when a GET query comes without a preflight-forcing header, then CSRF prevention refuses it", async () => {
    const r = await fetch(`${s.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/CSRF|preflight/i);
  });

  it("when the body is not JSON, then the answer is 400 with a code", async () => {
    const r = await fetch(s.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(r.status).toBe(400);
  });

  it("when a query is nested too deep, then it is refused before it runs", async () => {
    const deep = `{ me { department { staff { nodes { team { department { staff { nodes { team { department { staff { nodes { username } } } } } } } } } } } } }`;
    const r = await s.gql(deep, {}, token);
    expect(r.errors?.[0].message).toMatch(/depth/i);
  });

  it("when a query uses too many aliases, then it is refused", async () => {
    const q = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { username }`).join(" ")} }`;
    const r = await s.gql(q, {}, token);
    expect(r.errors?.[0].message).toMatch(/alias/i);
  });

  it("when a field name is misspelt, then no suggestion of real field names leaks", async () => {
    const r = await s.gql(`{ mee { username } }`, {}, token);
    expect(r.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});

describe("the websocket", () => {
  function connect(params: Record<string, unknown>): Promise<{ code: number; acked: boolean }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(s.wsUrl, "graphql-transport-ws");
      let acked = false;
      ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: params })));
      ws.on("message", (m) => {
        if (JSON.parse(String(m)).type === "connection_ack") {
          acked = true;
          ws.close(1000);
        }
      });
      ws.on("close", (code) => resolve({ code, acked }));
    });
  }

  it("when a socket connects without a token, then it is closed with 4403", async () => {
    expect(await connect({})).toEqual({ code: 4403, acked: false });
  });

  it("when a socket connects with a bad token, then it is closed with 4403", async () => {
    expect(await connect({ authorization: "Bearer not.a.token" })).toEqual({ code: 4403, acked: false });
  });

  it("when a socket connects with a valid token, then it is acknowledged", async () => {
    expect(await connect({ authorization: `Bearer ${token}` })).toEqual({ code: 1000, acked: true });
  });

  it("when a query runs over the websocket, then the same depth limit applies as over HTTP", async () => {
    const client = s.wsClient(token);
    const deep = `{ me { department { staff { nodes { team { department { staff { nodes { team { department { staff { nodes { username } } } } } } } } } } } } }`;
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: deep }, { next: (v) => resolve(v), error: (e) => resolve(e), complete: () => undefined });
    });
    expect(JSON.stringify(result)).toMatch(/depth/i);
  });

  it("when a query runs over the websocket with a valid token, then it is answered as the signed-in member", async () => {
    const client = s.wsClient(token);
    const result = await new Promise<any>((resolve, reject) => {
      client.subscribe({ query: `{ me { username } }` }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result.data.me.username).toBe("rep1");
  });
});
