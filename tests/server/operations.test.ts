import { createServer } from "node:http";
import { Writable } from "node:stream";
import { createClient } from "graphql-ws";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { defineModule } from "../../src/core/module";
import { appModules } from "../../src/modules";
import { type App, startApp } from "../../src/server/app";
import { ANONYMOUS, MAX_OPERATION_NAMES, OTHER, OperationLabels, UNKNOWN } from "../../src/server/metrics";
import { ManualClock } from "../../src/core/clock";
import { writeEvents } from "../../src/shared/events/hub";
import { TEST_DB, type TestDatabase, createTestDatabase } from "../helpers/db";
import { testConfig } from "../helpers/server";

type LogLine = Record<string, unknown> & { msg: string };

/** A server on a fresh copy of the test database, whose log lines the test reads. */
let jobRuns = 0;
/** The product's modules plus one whose two jobs succeed and fail, so that job metrics move. */
const TEST_MODULES = [
  ...appModules,
  defineModule({
    name: "metricsProbe",
    needs: [],
    resolvers: [],
    nodeKinds: {},
    jobs: [
      { name: "test.ok", intervalMs: 40, run: async () => void jobRuns++ },
      { name: "test.failing", intervalMs: 40, run: async () => Promise.reject(new Error("boom")) },
    ],
    topics: [],
    api: {},
  }),
];

async function startLogged(env: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) {
        raw.push(l);
        lines.push(JSON.parse(l));
      }
      done();
    },
  });
  const app = await startApp(testConfig(env), {
    database: db.database,
    clock: new ManualClock(new Date()),
    log: pino({ level: "info" }, stream),
    port: 0,
    modules: TEST_MODULES,
  });
  const base = app.url.replace("/graphql", "");
  const post = async (body: unknown, token?: string) => {
    const r = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: r.status, requestId: r.headers.get("x-request-id")!, json: (await r.json().catch(() => null)) as any };
  };
  return {
    app,
    db,
    base,
    lines,
    raw,
    post,
    async login(username: string) {
      const r = await post({
        query: `mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
        variables: { u: username, p: "demo12345" },
      });
      return r.json.data.login.token as string;
    },
    async stop() {
      await app.stop();
      await db.drop();
    },
  };
}

/** Parses the Prometheus text format into `name{labels}` → value. */
function parseMetrics(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    m.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return m;
}

async function scrape(base: string): Promise<{ status: number; contentType: string | null; values: Map<string, number> }> {
  const r = await fetch(`${base}/metrics`);
  return { status: r.status, contentType: r.headers.get("content-type"), values: parseMetrics(await r.text()) };
}

describe("operation labels", () => {
  it("when names are anonymous, malformed or too many, then they fall into fixed labels", () => {
    const labels = new OperationLabels();
    expect(labels.label(null, true)).toBe(ANONYMOUS);
    expect(labels.label("", true)).toBe(ANONYMOUS);
    expect(labels.label("Staff", false)).toBe(UNKNOWN);
    expect(labels.label("a b{c}", true)).toBe(UNKNOWN);
    expect(labels.label("x".repeat(65), true)).toBe(UNKNOWN);
    for (let i = 0; i < MAX_OPERATION_NAMES; i++) expect(labels.label(`Op${i}`, true)).toBe(`Op${i}`);
    expect(labels.label("OneMore", true)).toBe(OTHER);
    expect(labels.label("Op7", true)).toBe("Op7");
  });
});

describe("metrics and the access log", () => {
  let s: Awaited<ReturnType<typeof startLogged>>;
  beforeAll(async () => {
    s = await startLogged({ JOBS: "true" });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("when requests, a subscription, an event and jobs ran, then /metrics shows them all moved", async () => {
    const before = await scrape(s.base);
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain/);
    const token = await s.login("supervisor");
    const me = await s.post({ query: "query Me { me { username } }" }, token);
    expect(me.json.data.me.username).toBe("supervisor");
    await s.post({ query: "query Me { me { username } }" });
    await s.post({ query: "{ me { username } }" }, token);
    await s.post({ query: "query Broken { me { nope } }" }, token);
    await s.post("{not json");

    const client = createClient({
      url: s.app.url.replace("http://", "ws://"),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const stopSub = client.subscribe(
      { query: "subscription { complaintEvents { seq } }" },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    let during = await scrape(s.base);
    for (let i = 0; i < 50 && (during.values.get("bsc_subscriptions_active") ?? 0) < 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      during = await scrape(s.base);
    }
    expect(during.values.get("bsc_websocket_connections")).toBe(1);
    expect(during.values.get("bsc_subscriptions_active")).toBe(1);

    await s.db.database.db.transaction(async (tx) => {
      await writeEvents(tx, null, [{ topic: "COMPLAINT", kind: "METRICS_TEST", entityType: "Test", entityId: "x" }]);
    });
    let after = await scrape(s.base);
    for (let i = 0; i < 50 && !((after.values.get("bsc_event_delivery_lag_seconds_count") ?? 0) >= 1 && jobRuns >= 1); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await scrape(s.base);
    }
    stopSub();
    await client.dispose();

    const v = after.values;
    expect(v.get('bsc_graphql_requests_total{operation="Login",outcome="OK"}')).toBe(1);
    expect(v.get('bsc_graphql_requests_total{operation="Me",outcome="OK"}')).toBe(1);
    expect(v.get('bsc_graphql_requests_total{operation="Me",outcome="UNAUTHENTICATED"}')).toBe(1);
    expect(v.get(`bsc_graphql_requests_total{operation="${ANONYMOUS}",outcome="OK"}`)).toBe(1);
    expect(v.get(`bsc_graphql_requests_total{operation="${UNKNOWN}",outcome="GRAPHQL_VALIDATION_FAILED"}`)).toBe(1);
    expect(v.get(`bsc_graphql_requests_total{operation="${UNKNOWN}",outcome="HTTP_400"}`)).toBe(1);
    expect(v.get('bsc_graphql_request_duration_seconds_count{operation="Me",outcome="OK"}')).toBe(1);
    expect(v.get('bsc_graphql_request_duration_seconds_sum{operation="Me",outcome="OK"}')).toBeGreaterThan(0);
    expect(v.get("bsc_event_delivery_lag_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(v.get('bsc_job_runs_total{job="test.ok"}')).toBeGreaterThanOrEqual(1);
    expect(v.get('bsc_job_failures_total{job="test.failing"}')).toBeGreaterThanOrEqual(1);
    expect(v.get('bsc_job_failures_total{job="test.ok"}')).toBeUndefined();
    expect(v.get('bsc_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    if (TEST_DB === "pg") {
      expect(v.get('bsc_db_pool_connections{state="max"}')).toBe(s.db.database.pool!.options.max);
      expect(v.has('bsc_db_pool_connections{state="idle"}')).toBe(true);
      expect(v.has('bsc_db_pool_connections{state="waiting"}')).toBe(true);
    }
    expect(v.get("process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("when requests are served, then each writes one access-log line with operation, duration, outcome and request id, and never a token or a variable", async () => {
    const token = await s.login("rep1");
    const secretVariable = "needle-5f3c-value";
    const r = await s.post({ query: "mutation Find($u: String!) { login(username: $u, password: $u) { token } }", variables: { u: secretVariable } }, token);
    expect(r.status).toBe(200);
    expect(r.json.data.login.token).toBeNull();
    const mine = s.lines.filter((l) => l.requestId === r.requestId && l.msg === "request");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, method: "POST", path: "/graphql", operation: "Find", status: 200, outcome: "OK" });
    expect(typeof mine[0].durationMs).toBe("number");
    const health = await fetch(`${s.base}/healthz?token=${token}`);
    const healthLine = s.lines.find((l) => l.requestId === health.headers.get("x-request-id"));
    expect(healthLine).toMatchObject({ path: "/healthz", status: 200, outcome: "OK" });
    const all = s.raw.join("\n");
    expect(all).not.toContain(token);
    expect(all).not.toContain(secretVariable);
    expect(all).not.toContain("demo12345");
  });
});

describe("tracing", () => {
  let app: App | null = null;
  let db: TestDatabase;
  const received: { name: string; spanId: string; parentSpanId?: string; traceId: string; attributes?: { key: string; value: Record<string, unknown> }[] }[] =
    [];
  const requests: { path: string; contentType: string | undefined }[] = [];
  const collector = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", contentType: req.headers["content-type"] });
      const json = JSON.parse(body);
      for (const rs of json.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) received.push(...ss.spans);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => collector.listen(0, "127.0.0.1", () => r()));
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    collector.close();
  });

  it("when OTEL_EXPORTER_OTLP_ENDPOINT is set, then each GraphQL operation is a span with its SQL statements as child spans, sent over OTLP/HTTP", async () => {
    const address = collector.address();
    const port = typeof address === "object" && address ? address.port : 0;
    app = await startApp(testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }), {
      database: db.database,
      log: pino({ level: "silent" }),
      port: 0,
      modules: TEST_MODULES,
    });
    const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
      fetch(app!.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<any>);
    const login = await post(`mutation SignIn { login(username: "supervisor", password: "demo12345") { token } }`);
    const staff = await post(`query StaffList { staffMembers(first: 3) { nodes { username department { name } } } }`, {}, login.data.login.token);
    expect(staff.data.staffMembers.nodes).toHaveLength(3);
    await app.stop(); // flushes the spans still buffered
    app = null;

    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.path === "/v1/traces" && r.contentType?.startsWith("application/json"))).toBe(true);
    const op = received.find((x) => x.name === "query StaffList");
    expect(op).toBeDefined();
    expect(received.find((x) => x.name === "mutation SignIn")).toBeDefined();
    const sql = received.filter((x) => x.name === "sql" && x.parentSpanId === op!.spanId);
    expect(sql.length).toBeGreaterThanOrEqual(1);
    expect(sql.every((x) => x.traceId === op!.traceId)).toBe(true);
    const statement = sql[0].attributes?.find((a) => a.key === "db.statement")?.value.stringValue;
    expect(String(statement)).toMatch(/select/i);
    // No password in any span.
    expect(JSON.stringify(received)).not.toContain("demo12345");
  });
});

describe("CORS", () => {
  const LISTED = "https://desk.bank.example";
  let s: Awaited<ReturnType<typeof startLogged>>;
  beforeAll(async () => {
    s = await startLogged({ CORS_ORIGINS: `${LISTED}, https://other.bank.example` });
  });
  afterAll(async () => {
    await s?.stop();
  });

  const preflight = (origin: string) =>
    fetch(s.app.url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });

  it("when a listed origin sends a preflight, then it gets 204 with the allowed origin, methods, headers and max-age", async () => {
    const r = await preflight(LISTED);
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(r.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(r.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
    expect(Number(r.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(r.headers.get("vary")).toMatch(/origin/i);
    expect(r.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("when an unlisted origin sends a preflight, then it gets no CORS header", async () => {
    const r = await preflight("https://evil.example");
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect(r.headers.get("access-control-allow-methods")).toBeNull();
    expect(r.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("when a listed origin posts a query, then the response allows that origin and exposes the request id; an unlisted one gets no allow-origin", async () => {
    const ask = (origin: string) =>
      fetch(s.app.url, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    const ok = await ask(LISTED);
    expect(ok.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(ok.headers.get("access-control-expose-headers")).toMatch(/x-request-id/);
    expect(ok.headers.get("vary")).toMatch(/origin/i);
    const other = await ask("https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("when CORS_ORIGINS lists something that is not an origin, then the configuration is refused naming the variable", () => {
    expect(() => testConfig({ CORS_ORIGINS: "https://ok.example,https://bad.example/path" })).toThrow(/CORS_ORIGINS/);
    expect(() => testConfig({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
    expect(() => testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
