import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createServer, type Server, type Socket, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";
import { ROOT, ensureBuilt, freePort, listening, runServer, startServerProcess, waitReady } from "../helpers/process";
import { type TestServer, startTestServer } from "../helpers/server";

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

function openSocket(url: string, token: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, "graphql-transport-ws");
    const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
    void closed.then(() => resolve({ ws, closed }));
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    ws.on("message", (m) => {
      if (JSON.parse(String(m)).type === "connection_ack") resolve({ ws, closed });
    });
  });
}

describe("server lifecycle", () => {
  it("when the server stops, then open sockets are closed with 1001 and the port is released", async () => {
    const s = await startTestServer();
    const token = await s.login("supervisor");
    const { closed } = await openSocket(s.wsUrl, token);
    await s.app.stop();
    expect(await closed).toBe(1001);
    await expect(fetch(`${s.url.replace("/graphql", "")}/healthz`)).rejects.toThrow();
    await s.close().catch(() => undefined);
  });

  it("when a socket's token expires, then the server closes it with 4403 so the client reconnects with a new one", async () => {
    const s = await startTestServer();
    servers.push(s);
    const token = await s.login("supervisor");
    s.clock.advance(s.config.tokenTtlSeconds * 1000 - 1500);
    const started = Date.now();
    const { closed } = await openSocket(s.wsUrl, token);
    expect(await closed).toBe(4403);
    // Closed by the expiry timer, not refused at the door.
    expect(Date.now() - started).toBeGreaterThan(200);
  });
});

/** Where a server process keeps its data: a copy of the seeded test database, or a fresh embedded one. */
async function processDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (TEST_DB !== "pg") return { env: { PGLITE_DATA_DIR: "memory://", SEED_DEMO: "true" }, drop: async () => undefined };
  const db: TestDatabase = await createTestDatabase();
  await db.database.close();
  return { env: { DATABASE_URL: db.url! }, drop: () => db.drop() };
}

async function gqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function loginAt(url: string, username: string): Promise<string> {
  const r = await gqlAt(url, `mutation($u: String!) { login(username: $u, password: "demo12345") { token } }`, { u: username });
  return r.data.login.token;
}

/** An HTTP request whose body is sent in two halves, so that it is in flight while the test acts. */
function halfSentRequest(url: string, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let resolveResponse!: (r: { status: number; body: string }) => void;
  let rejectResponse!: (e: Error) => void;
  const response = new Promise<{ status: number; body: string }>((res, rej) => ((resolveResponse = res), (rejectResponse = rej)));
  const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": bytes.length } }, (res) => {
    let text = "";
    res.on("data", (c: Buffer) => (text += c.toString()));
    res.on("end", () => resolveResponse({ status: res.statusCode ?? 0, body: text }));
    res.on("error", rejectResponse);
  });
  req.on("error", rejectResponse);
  req.write(bytes.subarray(0, half));
  return { response, finish: () => req.end(bytes.subarray(half)) };
}

async function metricValue(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : NaN;
}

describe("the built server as a process", () => {
  beforeAll(() => ensureBuilt(), 180_000);

  // `npm run build` bundles the server into one file, renaming colliding names and leaving most functions
  // unnamed (scripts/build-server.mjs): the GraphQL types go by their class names, so the bundle's schema
  // must be the committed one, and an error must still carry its code.
  it("when the bundled server is asked for its schema, then it is the committed SDL, and a refusal still carries its code", async () => {
    const p = await startServerProcess({ PGLITE_DATA_DIR: "memory://", INTROSPECTION: "true" });
    try {
      await waitReady(p);
      const { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } = await import("graphql");
      const introspected = await gqlAt(p.url, getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true }));
      expect(introspected.errors).toBeUndefined();
      const served = printSchema(lexicographicSortSchema(buildClientSchema(introspected.data)));
      const committed = printSchema(lexicographicSortSchema(buildSchema(readFileSync(join(ROOT, "schema/schema.graphql"), "utf8"))));
      expect(served).toBe(committed);
      const refused = await gqlAt(p.url, "{ complaints(first: 1) { nodes { id } } }");
      // What answered was the bundle (dist/src/main.js is its loader once `npm run build` or ensureBuilt ran).
      expect(readFileSync(join(ROOT, "dist/src/main.js"), "utf8")).toContain("bsc-server-loader");
      expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      p.child.kill("SIGKILL");
    }
  }, 300_000);

  it(`when it gets SIGTERM on ${TEST_DB} with an open subscription and a request in flight, then the request completes, the socket closes with 1001 and it exits 0 within 10 s`, async () => {
    const db = await processDatabase();
    const p = await startServerProcess(db.env);
    try {
      await waitReady(p);
      const token = await loginAt(p.url, "supervisor");
      const { ws, closed } = await openSocket(p.url.replace("http://", "ws://"), token);
      ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { complaintEvents { seq kind } }" } }));
      for (let i = 0; i < 50 && (await metricValue(p.base, "bsc_subscriptions_active")) < 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await metricValue(p.base, "bsc_subscriptions_active")).toBe(1);

      const inFlight = halfSentRequest(p.url, JSON.stringify({ query: `mutation InFlight { login(username: "rep1", password: "demo12345") { token } }` }));
      await new Promise((r) => setTimeout(r, 200));
      const signalled = Date.now();
      p.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      // Draining: no new connection is accepted, yet the request in flight is still served.
      expect(await listening(p.port)).toBe(false);
      inFlight.finish();
      const answered = await inFlight.response;
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body).data.login.token).toBeTruthy();
      expect(await closed).toBe(1001);
      const exit = await p.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(10_000);
    } finally {
      p.child.kill("SIGKILL");
      await db.drop();
    }
  }, 300_000);

  it("when `npm start` is sent SIGTERM, then the server itself receives it, exits and frees its port", async () => {
    const port = await freePort();
    // --ignore-scripts skips the prestart build (done above): the start script itself is what is tested.
    const p = runServer("npm", ["run", "start", "--ignore-scripts", "--silent"], port, { PGLITE_DATA_DIR: "memory://" });
    try {
      await waitReady(p);
      p.child.kill("SIGTERM");
      await p.exited;
      let free = false;
      for (let i = 0; i < 50 && !free; i++) {
        free = !(await listening(port));
        if (!free) await new Promise((r) => setTimeout(r, 200));
      }
      expect(free).toBe(true);
    } finally {
      p.child.kill("SIGKILL");
    }
  }, 300_000);

  // prom-client loads the small @opentelemetry/api (for exemplars); the SDK and exporter are what cost.
  it("when tracing is not configured, then the OpenTelemetry SDK and exporter are not loaded", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(
      process.execPath,
      [
        "-e",
        `require("reflect-metadata"); require("./dist/src/server/app"); console.log(Object.keys(require.cache).filter((k) => /@opentelemetry[\\/](sdk-|exporter-|otlp-|context-|resources)/.test(k)).length)`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(out.trim()).toBe("0");
  }, 120_000);
});

describe("SQL statements per request", () => {
  it("when a staff list with department and team is read, then 5 and 50 items cost the same number of statements", async () => {
    const s = await startTestServer();
    servers.push(s);
    const admin = await s.login("admin");
    const [dept] = await s.database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
    const [team] = await s.database.query<{ id: string }>("select id from teams limit 1");
    for (let i = 0; i < 50; i++) {
      await s.gql(
        `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { userErrors { message } } }`,
        {
          i: {
            username: `count${i}`,
            displayName: `Count ${i}`,
            password: "password123",
            position: "REPRESENTATIVE",
            departmentId: dept.id,
            teamId: i % 2 ? team.id : null,
          },
        },
        admin,
      );
    }
    const counted = countStatements(s);
    const query = `query($n: Int) { staffMembers(first: $n) { nodes { username department { name } team { name department { code } } } } }`;
    await s.gql(query, { n: 1 }, admin);
    const run = async (n: number) => {
      counted.reset();
      const r = await s.gql(query, { n }, admin);
      expect(r.data.staffMembers.nodes).toHaveLength(n);
      return counted.count;
    };
    const five = await run(5);
    const fifty = await run(50);
    expect(fifty).toBe(five);
    // One session check per request (never cached: a sign-out applies at once), then three reads.
    expect(fifty).toBeLessThanOrEqual(4);
  });
});

function countStatements(s: TestServer) {
  let count = 0;
  const target = (s.database.pool ?? s.database.pglite) as unknown as { query: (...a: unknown[]) => unknown };
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    count++;
    return original(...args);
  };
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

/** A TCP relay in front of PostgreSQL that a test can cut, to play a database restart. */
function relay(targetPort: number): Promise<{ port: number; cut(): void; server: Server; paused: { value: boolean } }> {
  const sockets = new Set<Socket>();
  const paused = { value: false };
  const server = createServer((client) => {
    if (paused.value) return client.destroy();
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      resolve({
        port: typeof a === "object" && a ? a.port : 0,
        server,
        paused,
        cut: () => sockets.forEach((x) => x.destroy()),
      });
    }),
  );
}

describe.skipIf(TEST_DB !== "pg")("database outage (PostgreSQL)", () => {
  it("when the database goes away, then requests fail with SERVICE_UNAVAILABLE and work again once it is back", async () => {
    const s = await startTestServer();
    servers.push(s);
    const r = await relay(5432);
    const url = new URL(s.databaseUrl!);
    url.port = String(r.port);
    const { startApp } = await import("../../src/server/app");
    const { testConfig } = await import("../helpers/server");
    const pino = (await import("pino")).default;
    const app = await startApp(testConfig({ DATABASE_URL: url.toString() }), { port: 0, log: pino({ level: "silent" }), clock: s.clock });
    try {
      const login = async () =>
        fetch(app.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `mutation { login(username: "rep1", password: "demo12345") { token } }` }),
        }).then((x) => x.json());
      expect((await login()).data.login.token).toBeTruthy();
      r.paused.value = true;
      r.cut();
      const during = await login();
      expect(during.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect((await fetch(app.url.replace("/graphql", "/healthz"))).status).toBe(200);
      r.paused.value = false;
      let after: any = null;
      for (let i = 0; i < 20 && !after?.data?.login?.token; i++) {
        after = await login();
        if (!after?.data?.login?.token) await new Promise((x) => setTimeout(x, 250));
      }
      expect(after.data.login.token).toBeTruthy();
    } finally {
      await app.stop();
      r.server.close();
    }
  });

  it("when the event listener loses its connection, then events committed meanwhile are delivered once it reconnects, in order", async () => {
    const s = await startTestServer();
    servers.push(s);
    const r = await relay(5432);
    const url = new URL(s.databaseUrl!);
    url.port = String(r.port);
    const { startApp } = await import("../../src/server/app");
    const { testConfig } = await import("../helpers/server");
    const { writeEvents } = await import("../../src/shared/events/hub");
    const { eventStream } = await import("../../src/shared/events/stream");
    const pino = (await import("pino")).default;
    const app = await startApp(testConfig({ DATABASE_URL: url.toString() }), { port: 0, log: pino({ level: "silent" }), clock: s.clock });
    const emit = (id: string) =>
      s.database.db.transaction(async (tx) => {
        await writeEvents(tx, null, [{ topic: "COMPLAINT", kind: "OUTAGE", entityType: "Test", entityId: id }]);
      });
    const stream = eventStream(app.database, app.hub, { topics: ["COMPLAINT"], accept: (e) => e.kind === "OUTAGE" });
    try {
      const got: string[] = [];
      const reading = (async () => {
        while (got.length < 3) {
          const n = await stream.next();
          if (n.done) break;
          got.push(n.value.entityId);
        }
      })();
      await emit("before");
      for (let i = 0; i < 40 && got.length < 1; i++) await new Promise((x) => setTimeout(x, 50));
      expect(got).toEqual(["before"]);
      // The listener's connection (through the relay) is cut; the events commit directly meanwhile.
      r.paused.value = true;
      r.cut();
      await emit("during-1");
      await emit("during-2");
      await new Promise((x) => setTimeout(x, 300));
      expect(got).toEqual(["before"]);
      r.paused.value = false;
      await Promise.race([reading, new Promise((x) => setTimeout(x, 15_000))]);
      expect(got).toEqual(["before", "during-1", "during-2"]);
    } finally {
      await stream.return?.();
      await app.stop();
      r.server.close();
    }
  });
});
