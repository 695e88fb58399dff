/**
 * Fan-out benchmark of the live complaint feed: N graphql-ws subscribers (signed-in supervisors, the
 * real `complaintEvents` subscription with its authorisation and a department filter) on one server
 * instance in a child process; one complaint update committed; time from commit until each
 * subscriber has it. In the same run, the floor: one pre-serialised frame written to N plain `ws`
 * sockets by another child process.
 *
 *   npm run build && node --max-semi-space-size=64 dist/bench/fanout.js [1000 5000]
 *
 * Each size is measured BENCH_REPEAT times (3) and every column's median is shown (BENCH_VERBOSE=1
 * prints each run); the floor is one pre-serialised frame written to as many plain `ws` sockets
 * (BENCH_FLOOR=graphql-ws makes its receivers graphql-ws clients like the subscribers); BENCH_SELECTION=flat selects no nested field; BENCH_SERVER_NODE_ARGS adds node
 * flags to the server child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). Bounded to 2 minutes.
 */
import "reflect-metadata";
import { type ChildProcess, execSync, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type Client, createClient } from "graphql-ws";
import pino from "pino";
import WebSocket, { WebSocketServer } from "ws";
import { loadConfig } from "../src/config";
import { openPg } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemoData } from "../src/db/seed";
import { classify } from "../src/modules/complaints/complaint.intake.service";
import { viewerFromToken } from "../src/modules/organisation/auth.service";
import { buildContext } from "../src/server/context-factory";
import { systemClock } from "../src/core/clock";
import type { EventHub } from "../src/shared/events/hub";
import { AUTH_SECRET, DATA_KEY, freePort, freshDatabase, gqlPost, login, progress, startApi, table } from "./lib";

const DB_NAME = "bsc_bench_fanout";
const OPEN_BATCH = 250;
const WAIT_MS = 60_000;
/** Measurements per size; the median is reported. */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));

const SELECTIONS: Record<string, string> = {
  full: "seq kind status complaint { id reference status severity handler { username } } actor { username }",
  flat: "seq kind status",
};
const SUBSCRIPTION = `subscription($f: ComplaintEventFilter) { complaintEvents(filterBy: $f) { ${SELECTIONS[process.env.BENCH_SELECTION ?? "full"]} } }`;

interface Row {
  n: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  kbPerSubscriber: number;
  floorDelivered: number;
  floorP50: number;
  floorP99: number;
  floorMax: number;
  floorKbPerSocket: number;
  serverCpuMs: number;
  floorCpuMs: number;
  /** CPU of this (receiving) process while the event or the floor frame is delivered. */
  clientCpuMs: number;
  floorClientCpuMs: number;
  /** p99 / floor p99 of one run (the table shows the median of the runs' ratios). */
  ratio: number;
  runs?: number;
  firstKbPerSubscriber?: number;
}

/** Every column's median over the runs of one size. */
function medianRow(runs: Row[]): Row {
  const med = (pick: (r: Row) => number) => {
    const xs = runs.map(pick).sort((a, b) => a - b);
    return xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  };
  const out = { ...runs[0], runs: runs.length } as Row;
  for (const key of Object.keys(out) as (keyof Row)[])
    if (key !== "n" && key !== "runs" && key !== "firstKbPerSubscriber") (out[key] as number) = med((r) => r[key] as number);
  // Memory: the first run also counts one-time growth (compiled code, caches), later ones reuse heap
  // the earlier ones grew; the median is shown with the first run's figure beside it.
  out.firstKbPerSubscriber = runs[0].kbPerSubscriber;
  out.delivered = Math.min(...runs.map((r) => r.delivered));
  out.floorDelivered = Math.min(...runs.map((r) => r.floorDelivered));
  return out;
}

const cpuOf = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** CPU time (user + system) a process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The floor, as issue 4 defines it: one pre-serialised frame written to the same number of plain sockets.
 * BENCH_FLOOR=graphql-ws makes the floor's receivers graphql-ws clients like the measured subscribers:
 * both phases are timed in this one process, so that variant isolates the server's own share.
 */
const GRAPHQL_WS_FLOOR = process.env.BENCH_FLOOR === "graphql-ws";

/** One graphql-ws subscriber; `connected` settles once the socket is acknowledged. */
function subscriber(
  url: string,
  token: string | undefined,
  request: { query: string; variables?: Record<string, unknown> },
  onNext: () => void,
): { client: Client; connected: Promise<void> } {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // One operation per socket: a fixed id lets the floor write one identical frame to every socket.
    generateID: () => "1",
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const connected = new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.on("error", reject);
    client.subscribe(request, { next: onNext, error: (e) => console.error("subscription error", e), complete: () => undefined });
  });
  return { client, connected };
}

/** The floor's server side: plain ws sockets; on "go" from the control socket, one frame to all. */
function floorServer(port: number): void {
  const wss = new WebSocketServer({ port, perMessageDeflate: false });
  const frame = Buffer.from(
    JSON.stringify({
      id: "1",
      type: "next",
      payload: {
        data: {
          complaintEvents: {
            seq: "1",
            kind: "STATUS_CHANGED",
            status: "INVESTIGATING",
            complaint: { id: "cmp_x", reference: "TS-20261129-000001", status: "INVESTIGATING", severity: "LOW", handler: { username: "rep1" } },
            actor: { username: "rep1" },
          },
        },
      },
    }),
  );
  wss.on("connection", (socket, req) => {
    if (req.url === "/control") {
      socket.on("message", () => {
        for (const client of wss.clients) if (client !== socket) client.send(frame, { binary: false });
      });
      return;
    }
    // Just enough of the graphql-ws protocol for a graphql-ws client to subscribe (see GRAPHQL_WS_FLOOR).
    socket.on("message", (data) => {
      if (String(data).includes('"connection_init"')) socket.send('{"type":"connection_ack"}');
    });
  });
}

async function measureFloor(n: number): Promise<{ delivered: number; lat: number[]; kbPerSocket: number; cpu: number; clientCpu: number }> {
  const port = await freePort();
  const child: ChildProcess = fork(__filename, ["--floor-server", String(port)], { execArgv: ["--max-semi-space-size=64"], stdio: "ignore" });
  try {
    const url = `ws://127.0.0.1:${port}`;
    const sockets: WebSocket[] = [];
    const floorClients: Client[] = [];
    let t0 = 0;
    const lat: number[] = [];
    for (let attempt = 0; ; attempt++) {
      try {
        const probe = new WebSocket(url);
        await new Promise((res, rej) => (probe.once("open", res), probe.once("error", rej)));
        probe.close();
        break;
      } catch {
        if (attempt > 100) throw new Error("floor server did not start");
        await sleep(50);
      }
    }
    const rssBefore = rssKb(child.pid!);
    for (let i = 0; i < n; i += OPEN_BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(OPEN_BATCH, n - i) }, () => {
          if (GRAPHQL_WS_FLOOR) {
            const client = subscriber(url, undefined, { query: SUBSCRIPTION }, () => {
              if (t0 > 0) lat.push(performance.now() - t0);
            });
            floorClients.push(client.client);
            return client.connected;
          }
          const ws = new WebSocket(url, { perMessageDeflate: false });
          ws.on("message", () => lat.push(performance.now() - t0));
          sockets.push(ws);
          return new Promise((res, rej) => (ws.once("open", res), ws.once("error", rej)));
        }),
      );
    }
    const control = new WebSocket(`${url}/control`);
    await new Promise((res) => control.once("open", res));
    await sleep(500);
    const kbPerSocket = (rssKb(child.pid!) - rssBefore) / n;
    const cpuBefore = cpuMs(child.pid!);
    const clientCpuBefore = process.cpuUsage();
    t0 = performance.now();
    control.send("go");
    await waitUntil(() => lat.length >= n, WAIT_MS, "floor frames").catch(() => undefined);
    const cpu = cpuMs(child.pid!) - cpuBefore;
    const clientCpu = cpuOf(process.cpuUsage(clientCpuBefore));
    control.close();
    for (const s of sockets) s.terminate();
    await Promise.all(floorClients.map((c) => c.dispose()));
    return { delivered: lat.length, lat, kbPerSocket, cpu, clientCpu };
  } finally {
    child.kill("SIGKILL");
  }
}

export async function main(sizes = [1000, 5000]): Promise<Row[]> {
  const limit = Number(execSync("ulimit -n", { shell: "/bin/sh" }).toString().trim());
  const usable = Number.isFinite(limit) ? limit - 200 : Infinity;
  const runSizes = sizes.filter((n) => {
    if (n > usable) console.warn(`skipping ${n} subscribers: ulimit -n is ${limit}; raise it to at least ${n + 200}`);
    return n <= usable;
  });
  const databaseUrl = await freshDatabase(DB_NAME);
  const env = { NODE_ENV: "test", DATABASE_URL: databaseUrl, AUTH_SECRET, DATA_KEY, TOKEN_TTL_SECONDS: "7200" };
  const log = pino({ level: "warn" });
  const config = loadConfig(env);
  const database = await openPg(databaseUrl, log, 4);
  await migrateDatabase(database);
  await seedDemoData(database, config, log);

  const api = await startApi(databaseUrl, { TOKEN_TTL_SECONDS: "7200" });
  const server = api.child;
  const rows: Row[] = [];
  try {
    const url = api.url;
    const gql = (query: string, variables: Record<string, unknown>, token?: string) => gqlPost(url, query, variables, token);
    const [supervisorToken, rep1Token, managerToken] = [await login(url, "supervisor"), await login(url, "rep1"), await login(url, "manager")];
    const [{ id: departmentId }] = await database.query<{ id: string }>("select id from departments where code = 'CUSTOMER_SERVICE'");
    const [{ id: rep1Id }] = await database.query<{ id: string }>("select id from staff where username = 'rep1'");
    const customerId = `cus_${"0".repeat(25)}1`;
    await database.query("insert into customers (id, full_name) values ($1, 'Bench Customer') on conflict do nothing", [customerId]);

    // One complaint, assigned to rep1, whose notes are the updates measured.
    const received = await gql(
      `mutation($i: ComplaintReceiveInput!) { complaintReceive(input: $i) { complaint { id } userErrors { message } } }`,
      { i: { customerId, channel: "PHONE", subject: "Bench", description: "Fan-out" } },
      rep1Token,
    );
    const complaintId = received.data.complaintReceive.complaint.id as string;
    await gql(
      `mutation($i: ComplaintClassifyInput!) { complaintClassify(input: $i) { userErrors { message } } }`,
      { i: { complaintId, category: "OTHER", businessLine: "OTHER", severity: "LOW" } },
      rep1Token,
    );
    await gql(
      `mutation($i: ComplaintAssignInput!) { complaintAssign(input: $i) { userErrors { message } } }`,
      { i: { complaintId, handlerId: rep1Id } },
      managerToken,
    );

    // The update is committed from this process through the real service, so "commit" is a clean instant here.
    const viewer = await viewerFromToken(database, config, rep1Token, Date.now());
    const noHub = { poke: async () => undefined } as unknown as EventHub;
    const ctx = () => buildContext({ config, database, hub: noHub, log, clock: systemClock }, viewer);
    let updateNo = 0;
    // Each update reclassifies the complaint (a CLASSIFIED event), alternating the severity.
    const commitUpdate = async () => {
      const severity = ++updateNo % 2 ? "MEDIUM" : "LOW";
      const r = await classify(ctx(), { complaintId, category: "OTHER", businessLine: "OTHER", severity, note: `Bench update ${updateNo}` });
      if (r.userErrors.length) throw new Error(JSON.stringify(r.userErrors));
      return performance.now();
    };

    const measureOnce = async (n: number): Promise<Row> => {
      const rssBefore = rssKb(server.pid!);
      const clients: Client[] = [];
      const counts = new Int32Array(n);
      const latencies: number[] = [];
      let t0 = 0;
      let measuring = false;
      for (let i = 0; i < n; i += OPEN_BATCH) {
        const batch = Math.min(OPEN_BATCH, n - i);
        await Promise.all(
          Array.from({ length: batch }, (_, k) => {
            const idx = i + k;
            const s = subscriber(url.replace("http", "ws"), supervisorToken, { query: SUBSCRIPTION, variables: { f: { departmentId } } }, () => {
              counts[idx]++;
              if (measuring) latencies.push(performance.now() - t0);
            });
            clients.push(s.client);
            return s.connected;
          }),
        );
      }
      // A warm-up event proves every subscription is live (and warms the server) before measuring.
      await commitUpdate();
      await waitUntil(() => counts.every((c) => c >= 1), WAIT_MS, "warm-up event at every subscriber");
      await sleep(1000);
      const rssAfter = rssKb(server.pid!);
      measuring = true;
      const cpuBefore = cpuMs(server.pid!);
      const clientCpuBefore = process.cpuUsage();
      t0 = performance.now();
      t0 = await commitUpdate();
      await waitUntil(() => latencies.length >= n, WAIT_MS, "the measured event").catch((e) => console.error(String(e)));
      const serverCpu = cpuMs(server.pid!) - cpuBefore;
      const clientCpu = cpuOf(process.cpuUsage(clientCpuBefore));
      await sleep(200);
      measuring = false;
      latencies.sort((a, b) => a - b);
      await Promise.all(clients.map((c) => c.dispose()));
      await sleep(1500);
      const floor = await measureFloor(n);
      floor.lat.sort((a, b) => a - b);
      return {
        n,
        delivered: latencies.length,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        max: latencies[latencies.length - 1],
        kbPerSubscriber: (rssAfter - rssBefore) / n,
        floorDelivered: floor.delivered,
        floorP50: quantile(floor.lat, 0.5),
        floorP99: quantile(floor.lat, 0.99),
        floorMax: floor.lat[floor.lat.length - 1],
        floorKbPerSocket: floor.kbPerSocket,
        serverCpuMs: serverCpu,
        floorCpuMs: floor.cpu,
        clientCpuMs: clientCpu,
        floorClientCpuMs: floor.clientCpu,
        ratio: quantile(latencies, 0.99) / quantile(floor.lat, 0.99),
      };
    };
    // The machine is shared and a single delivery is a short burst: each size is measured several
    // times (server run, then its floor) and the median of every column is reported.
    for (const n of runSizes) {
      const runs: Row[] = [];
      for (let r = 0; r < REPEAT; r++) {
        progress(`fanout: ${n} subscribers, run ${r + 1}/${REPEAT}`);
        runs.push(await measureOnce(n));
      }
      if (process.env.BENCH_VERBOSE) for (const run of runs) console.log(JSON.stringify(run));
      rows.push(medianRow(runs));
    }
  } finally {
    await api.stop();
    await database.close();
  }
  printTable(rows);
  return rows;
}

function printTable(rows: Row[]): void {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");
  console.log("complaintEvents fan-out: one complaint update, time from commit until each subscriber has it (ms); median of each column over the runs");
  console.log(
    table(
      [
        "subscribers",
        "runs",
        "delivered",
        "p50",
        "p99",
        "max",
        "server KB/subscriber",
        "(first run)",
        "floor delivered",
        "floor p50",
        "floor p99",
        "floor max",
        "p99 / floor p99",
        "server CPU ms",
        "floor CPU ms",
        "client CPU ms",
        "floor client CPU ms",
      ],
      rows.map((r) => [
        r.n,
        r.runs ?? 1,
        `${r.delivered}/${r.n}`,
        f(r.p50),
        f(r.p99),
        f(r.max),
        f(r.kbPerSubscriber),
        f(r.firstKbPerSubscriber ?? r.kbPerSubscriber),
        `${r.floorDelivered}/${r.n}`,
        f(r.floorP50),
        f(r.floorP99),
        f(r.floorMax),
        f(r.ratio),
        r.serverCpuMs,
        r.floorCpuMs,
        r.clientCpuMs,
        r.floorClientCpuMs,
      ]),
    ),
  );
}

if (require.main === module) {
  if (process.argv[2] === "--floor-server") {
    floorServer(Number(process.argv[3]));
  } else {
    const sizes = process.argv
      .slice(2)
      .map(Number)
      .filter((n) => n > 0);
    const timer = setTimeout(() => {
      console.error("fan-out benchmark exceeded 2 minutes; stopping");
      process.exit(2);
    }, 2 * 60_000);
    timer.unref();
    main(sizes.length ? sizes : undefined)
      .then(() => process.exit(0))
      .catch((err) => {
        console.error(err);
        process.exit(1);
      });
  }
}
